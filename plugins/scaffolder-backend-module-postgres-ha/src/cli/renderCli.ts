import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import {
  formatSettingsErrors,
  renderCluster,
  TARGETS,
  validateSettings,
  type RenderedFile,
} from '@pgha/plugin-postgres-ha-common';

export const USAGE = `usage: yarn render --values <settings.yaml> [--target ${TARGETS.join(
  '|',
)}] (--out <dir> | --check)`;

/** Exit codes: 0 ok, 1 invalid settings or render failure, 2 bad usage or unreadable file. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  cwd: string;
}

class UsageError extends Error {}

function readArgs(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        values: { type: 'string' },
        target: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.values) throw new UsageError('--values is required');
    if (!values.check && !values.out)
      throw new UsageError('give --out <dir> or --check');
    return values as {
      values: string;
      target?: string;
      out?: string;
      check: boolean;
    };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function readSettings(
  file: string,
  target: string | undefined,
): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`,
    );
  }
  const doc = parse(text, { uniqueKeys: true }) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return doc;
  }
  return target === undefined ? doc : { ...doc, target };
}

/** Writes files below `out`; paths come from the renderer, and are checked anyway. */
async function writeFiles(out: string, files: RenderedFile[]) {
  for (const file of files) {
    const destination = path.resolve(out, file.path);
    if (!destination.startsWith(`${out}${path.sep}`)) {
      throw new Error(`refusing to write ${file.path} outside ${out}`);
    }
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.writeFile(destination, file.content, 'utf8');
  }
}

/** The CLI behind `yarn render`; returns the exit code instead of exiting, for tests. */
export async function runRenderCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = readArgs(argv);
    const valuesFile = path.resolve(io.cwd, args.values);
    const result = validateSettings(
      await readSettings(valuesFile, args.target),
    );
    if (!result.ok) {
      io.stderr(
        `invalid settings in ${args.values}:\n${formatSettingsErrors(
          result.errors,
        )}`,
      );
      return EXIT.invalid;
    }
    const s = result.settings;
    if (args.check) {
      io.stdout(`ok: ${s.cluster.name} (${s.target}) is valid`);
      return EXIT.ok;
    }
    const files = renderCluster(s);
    const out = path.resolve(io.cwd, args.out!);
    await writeFiles(out, files);
    io.stdout(
      `rendered ${files.length} ${s.target} files for ${s.cluster.name} into ${args.out}`,
    );
    for (const file of files) io.stdout(`  ${file.path}`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${USAGE}`);
      return EXIT.usage;
    }
    io.stderr(`render failed: ${(e as Error).message}`);
    return EXIT.invalid;
  }
}
