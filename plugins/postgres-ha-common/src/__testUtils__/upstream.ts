import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in plugins/postgres-ha-common/src/__testUtils__). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

export interface ConsumerTools {
  /** tools/consumers built: Docker Compose's loader, yaml.v3, kubectl's reader, the operator's types. */
  bin: string;
  /** Upstream files copied from the pinned Go modules (operator CRD and examples, compose schema). */
  upstreamDir: string;
}

let tools: ConsumerTools | undefined;

/**
 * scripts/lib/consumers.sh builds the consumers and copies the upstream files into the
 * git-ignored .tools and .cache. scripts/test runs it and exports the paths; a developer's
 * run without them runs the script here (quick once built). In CI a missing one fails.
 */
export function consumerTools(): ConsumerTools {
  if (tools) return tools;
  const { PGHA_CONSUMERS_BIN: bin, PGHA_UPSTREAM_DIR: upstreamDir } =
    process.env;
  if (bin && upstreamDir) {
    for (const [name, file] of [
      ['PGHA_CONSUMERS_BIN', bin],
      ['PGHA_UPSTREAM_DIR', upstreamDir],
    ]) {
      if (!fs.existsSync(file))
        throw new Error(
          `${name}=${file} does not exist: run scripts/lib/consumers.sh`,
        );
    }
    tools = { bin, upstreamDir };
    return tools;
  }
  if (process.env.CI) {
    throw new Error(
      'PGHA_CONSUMERS_BIN and PGHA_UPSTREAM_DIR are unset: scripts/test sources scripts/lib/consumers.sh, which builds and exports them',
    );
  }
  const script = path.join(repoRoot, 'scripts', 'lib', 'consumers.sh');
  execFileSync('bash', [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  tools = {
    bin: path.join(repoRoot, '.tools', 'go', 'bin', 'pgha-consumers'),
    upstreamDir: path.join(repoRoot, '.cache', 'upstream'),
  };
  return tools;
}

/** A pinned upstream file (see consumerTools), read-only reference data for validators. */
export function readUpstream(file: string): string {
  return fs.readFileSync(path.join(consumerTools().upstreamDir, file), 'utf8');
}
