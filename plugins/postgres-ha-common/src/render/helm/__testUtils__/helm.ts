import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kubernetes/types';
import { repoRoot } from '../../../__testUtils__/upstream';
import { requireTool, run, type RunResult } from '../../../__testUtils__/tools';

const helmBin = () =>
  requireTool('HELM_BIN', path.join(repoRoot, '.tools', 'go', 'bin', 'helm'));

/** Helm runs offline with throw-away config and cache folders. */
export function helm(args: string[]): RunResult {
  const home = path.join(repoRoot, '.cache', 'helm-tests');
  return run(helmBin(), args, {
    env: {
      PATH: process.env.PATH,
      HELM_CACHE_HOME: path.join(home, 'cache'),
      HELM_CONFIG_HOME: path.join(home, 'config'),
      HELM_DATA_HOME: path.join(home, 'data'),
    },
  });
}

const objectKey = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;

/** Objects in a fixed order (Helm prints them in its install order, by kind). */
export const byKindAndName = (objects: KubeObject[]) =>
  [...objects].sort((a, b) => objectKey(a).localeCompare(objectKey(b)));

/** `helm template` output as objects; fails the test with Helm's own message otherwise. */
export function helmTemplate(
  chartDir: string,
  extraArgs: string[] = [],
): KubeObject[] {
  const result = helm(['template', 'release', chartDir, ...extraArgs]);
  if (!result.ok) throw new Error(`helm template failed:\n${result.output}`);
  return parseAllDocuments(result.output)
    .map(d => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null)
    .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
}
