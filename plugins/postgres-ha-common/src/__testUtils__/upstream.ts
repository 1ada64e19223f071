import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in plugins/postgres-ha-common/src/__testUtils__). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** A read-only upstream reference file from `../shared/upstream`, next to the repository. */
export function readUpstream(file: string): string {
  return fs.readFileSync(
    path.resolve(repoRoot, '..', 'shared', 'upstream', file),
    'utf8',
  );
}
