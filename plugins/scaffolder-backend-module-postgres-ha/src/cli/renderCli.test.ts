import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { parseAllDocuments } from 'yaml';
// The validators are test support that -common keeps out of its public API on purpose.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { validateKubernetesObjects } from '@pgha/plugin-postgres-ha-common/src/__testUtils__/validators';
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

const manifestsIn = (out: string) =>
  fs
    .readdirSync(path.join(out, 'manifests'))
    .flatMap(f =>
      parseAllDocuments(
        fs.readFileSync(path.join(out, 'manifests', f), 'utf8'),
      ).map(d => d.toJS()),
    );

beforeEach(() => dir.clear());

describe('yarn render', () => {
  it.each(['minimal', 'production'])(
    'renders examples/settings/%s.yaml into CRD- and schema-valid manifests',
    async name => {
      const out = dir.resolve(name);
      const result = await run(
        '--values',
        `examples/settings/${name}.yaml`,
        '--out',
        out,
      );
      expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
      const objects = manifestsIn(out);
      expect(objects.length).toBeGreaterThan(0);
      expect(validateKubernetesObjects(objects)).toEqual({});
      expect(fs.existsSync(path.join(out, 'catalog-info.yaml'))).toBe(true);
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
