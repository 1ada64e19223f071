import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import {
  renderCluster,
  validateSettings,
} from '@pgha/plugin-postgres-ha-common';
import { EXIT, runRenderCli } from './renderCli';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const dir = createMockDirectory();

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runRenderCli(argv, {
    stdout: l => stdout.push(l),
    stderr: l => stderr.push(l),
    cwd: repoRoot,
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** What renderCluster (the path the actions and preview use) makes of an example file. */
function expectedFiles(name: string) {
  const text = fs.readFileSync(
    path.join(repoRoot, 'examples', 'settings', `${name}.yaml`),
    'utf8',
  );
  const result = validateSettings(parse(text));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return renderCluster(result.settings);
}

beforeEach(() => dir.clear());

describe('yarn render', () => {
  it.each(['minimal', 'production'])(
    'writes exactly the files renderCluster makes of examples/settings/%s.yaml',
    async name => {
      const out = dir.resolve(name);
      const result = await run(
        '--values',
        `examples/settings/${name}.yaml`,
        '--out',
        out,
      );
      expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
      const expected = expectedFiles(name);
      expect(expected.map(f => f.path)).toContain('catalog-info.yaml');
      for (const file of expected) {
        expect(fs.readFileSync(path.join(out, file.path), 'utf8')).toBe(
          file.content,
        );
      }
    },
  );

  it.each(['minimal', 'production', 'compose-dev'])(
    'accepts examples/settings/%s.yaml with --check and writes nothing',
    async name => {
      const result = await run(
        '--values',
        `examples/settings/${name}.yaml`,
        '--check',
      );
      expect(result.code).toBe(EXIT.ok);
      expect(result.stdout).toMatch(/^ok: .* is valid$/);
      expect(fs.readdirSync(dir.path)).toEqual([]);
    },
  );

  it('lets --target override the target in the settings file', async () => {
    const result = await run(
      '--values',
      'examples/settings/minimal.yaml',
      '--target',
      'compose',
      '--check',
    );
    expect(result.stdout).toBe('ok: acid-orders (compose) is valid');
  });

  it('exits non-zero with field-named errors on stderr for invalid settings', async () => {
    dir.setContent({
      'bad.yaml':
        'cluster:\n  name: acid-x\n  team: acid\n  owner: dba\npostgresql:\n  version: 12\nbackup:\n  pitr: true\n',
    });
    const result = await run('--values', dir.resolve('bad.yaml'), '--check');
    expect(result.code).toBe(EXIT.invalid);
    expect(result.stderr).toContain(
      'postgresql.version: PostgreSQL 12 is not supported by operator v2.x',
    );
    expect(result.stderr).toContain(
      'backup.pitr: point-in-time recovery needs WAL archiving',
    );
  });

  it('explains usage errors: missing --values, unknown flag, unreadable file, unknown target', async () => {
    expect((await run('--check')).code).toBe(EXIT.usage);
    expect((await run('--values', 'x.yaml', '--outt', 'y')).stderr).toMatch(
      /Unknown option '--outt'/,
    );
    expect(
      (await run('--values', 'does-not-exist.yaml', '--check')).stderr,
    ).toMatch(/cannot read .*ENOENT/);
    const target = await run(
      '--values',
      'examples/settings/minimal.yaml',
      '--target',
      'nomad',
      '--check',
    );
    expect(target).toMatchObject({
      code: EXIT.invalid,
      stderr: expect.stringContaining(
        'target: must be one of kubernetes, helm, compose',
      ),
    });
  });
});
