import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RenderedFile } from '../render/types';

/**
 * Path of a real program the tests run. scripts/test installs them all
 * (scripts/lib/test-tools.sh); a missing one is a failure, never a skip.
 */
export function requireTool(envVar: string, fallback: string): string {
  const candidates = [process.env[envVar], fallback].filter(
    Boolean,
  ) as string[];
  const found = candidates.find(c => fs.existsSync(c));
  if (!found) {
    throw new Error(
      `${path.basename(
        fallback,
      )} is missing (${envVar} unset and ${fallback} absent): run scripts/test, which installs it through scripts/lib/test-tools.sh`,
    );
  }
  return found;
}

const written = new Set<string>();

/**
 * Writes rendered files below a fresh temporary folder and returns the folder;
 * `removeWrittenFiles` (a test file's afterAll) deletes it again.
 */
export function writeFiles(files: RenderedFile[], prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  written.add(dir);
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return dir;
}

/** Deletes every folder writeFiles made in this test file. */
export function removeWrittenFiles(): void {
  for (const dir of written) fs.rmSync(dir, { recursive: true, force: true });
  written.clear();
}

export interface RunResult {
  ok: boolean;
  output: string;
}

/** Runs a program, capturing stdout and stderr; a non-zero exit is a result, not a throw. */
export function run(
  bin: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  try {
    const output = execFileSync(bin, args, {
      ...options,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return {
      ok: false,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message,
    };
  }
}

/** Prometheus' own checker (`promtool check config|rules`). */
export const promtool = (args: string[]): RunResult =>
  run(requireTool('PROMTOOL_BIN', '/usr/bin/promtool'), args);
