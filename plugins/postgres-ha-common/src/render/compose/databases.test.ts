import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exampleSettings } from '../../settings';
import { settingsFrom } from '../../__testUtils__/settings';
import { requireTool, run } from '../../__testUtils__/tools';
import { renderCluster } from '..';
import { databasesSql, psqlVariables } from './databases';

const s = settingsFrom({
  ...exampleSettings.minimal,
  target: 'compose',
  databases: [
    { name: 'app', owner: 'app_owner' },
    { name: 'reports', owner: 'app_owner' },
  ],
});

/** A throw-away PostgreSQL (Debian's, as the lab uses) on a Unix socket in its own folder. */
function withPostgres(
  use: (psql: (args: string[], env?: object) => string) => void,
) {
  const bin = requireTool('PG_BIN_DIR', '/usr/lib/postgresql/15/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-db-'));
  // initdb and postgres refuse root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const owner = (cmd: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', cmd, ...args])
      : run(cmd, args);
  if (asRoot) {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres']).toString());
    fs.chownSync(dir, id('-u'), id('-g'));
  }
  const data = path.join(dir, 'data');
  const init = owner(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
  ]);
  if (!init.ok) throw new Error(init.output);
  const ctl = (args: string[]) =>
    owner(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  // -l: the server's output goes to a file, not to the pipes the test reads until EOF.
  const started = ctl([
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-k ${dir} -c listen_addresses=`,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  if (!started.ok) throw new Error(started.output);
  try {
    use((args, env = {}) => {
      const result = run(
        'sh',
        ['-c', `psql -X -h ${dir} -U postgres -d postgres ${args.join(' ')}`],
        {
          env: { ...process.env, ...env },
        },
      );
      if (!result.ok) throw new Error(result.output);
      return result.output.trim();
    });
  } finally {
    ctl(['-m', 'immediate', 'stop']);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('compose databases (real PostgreSQL runs the init script)', () => {
  it('the one-shot service runs the script with every owner password', () => {
    const files = renderCluster(s);
    const compose = parse(
      files.find(f => f.path === 'docker-compose.yml')!.content,
    );
    const service = compose.services['databases-init'];
    expect(service.command[2]).toContain('-f /etc/pgha/databases.sql');
    expect(service.environment.PGHA_APP_OWNER_PASSWORD).toMatch(
      /^\$\{PGHA_APP_OWNER_PASSWORD:\?/,
    );
    expect(
      files.find(f => f.path === 'config/databases/init.sql')?.content,
    ).toBe(databasesSql(s));
  });

  it('creates owners with their passwords and the databases, and runs again without error', () => {
    withPostgres(psql => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-sql-'));
      const script = path.join(dir, 'init.sql');
      fs.writeFileSync(script, databasesSql(s));
      const env = { PGHA_APP_OWNER_PASSWORD: `it's "secret" $x` };
      for (let i = 0; i < 2; i++) psql([psqlVariables(s), '-f', script], env);
      fs.rmSync(dir, { recursive: true, force: true });
      expect(
        psql([
          '-At',
          '-c',
          `"SELECT string_agg(datname || ':' || pg_get_userbyid(datdba), ',' ORDER BY datname) FROM pg_database WHERE datname IN ('app', 'reports')"`,
        ]),
      ).toBe('app:app_owner,reports:app_owner');
      expect(
        psql([
          '-At',
          '-c',
          `"SELECT rolcanlogin AND rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'app_owner'"`,
        ]),
      ).toBe('t');
    });
  });
});
