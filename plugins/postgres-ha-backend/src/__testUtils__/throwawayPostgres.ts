import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * A real PostgreSQL 15 server from Debian's postgresql-15 package, started with
 * initdb + pg_ctl on 127.0.0.1 and a free port for one test file, then removed.
 * As root (like the lab), PostgreSQL runs as the postgres user.
 */
const exec = promisify(execFile);
const PG_BIN = process.env.LAB_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asPostgres =
  process.getuid?.() === 0 ? ['runuser', '-u', 'postgres'] : [];
const repoRoot = path.resolve(__dirname, '../../../..');

/** Runs a command as the server's owner (postgres when we are root). */
export function runAsOwner(command: string, args: string[]) {
  const [file, ...rest] = asPostgres.length
    ? [...asPostgres, '--', command, ...args]
    : [command, ...args];
  return exec(file, rest, { timeout: 120_000 });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

export interface ThrowawayPostgres {
  port: number;
  /** Holds data/, the socket, the log and anything a test adds. */
  dir: string;
  dataDir: string;
  /** `backend.database` for Backstage's DatabaseManager. */
  backendDatabase: {
    client: 'pg';
    connection: { host: string; port: number; user: string };
  };
  stop(): Promise<void>;
}

/** Starts a server with `settings` appended to postgresql.conf (trust auth, loopback only). */
export async function startThrowawayPostgres(
  settings: (pg: { dir: string; dataDir: string }) => string[] = () => [],
): Promise<ThrowawayPostgres> {
  const initdb = path.join(PG_BIN, 'initdb');
  if (!fs.existsSync(initdb)) {
    throw new Error(
      `${initdb} not found: install the Debian package postgresql-15 (scripts/test does) or set LAB_PG_BIN`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-pg-'));
  fs.chmodSync(dir, 0o755);
  if (asPostgres.length) await exec('chown', ['postgres:postgres', dir]);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  await runAsOwner(initdb, [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const conf = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    ...settings({ dir, dataDir }),
  ];
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    `${conf.join('\n')}\n`,
  );
  const pgCtl = (...args: string[]) =>
    runAsOwner(path.join(PG_BIN, 'pg_ctl'), ['-D', dataDir, ...args]);
  await pgCtl('-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', 'start');
  return {
    port,
    dir,
    dataDir,
    backendDatabase: {
      client: 'pg',
      connection: { host: '127.0.0.1', port, user: 'postgres' },
    },
    async stop() {
      try {
        await pgCtl('-m', 'immediate', '-w', 'stop');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** pgBackRest (Debian's, through the lab's wrapper) with stanza `t` for a throwaway server. */
export const pgbackrestCommand = path.join(
  repoRoot,
  'lab',
  'bin',
  'pgbackrest',
);

/** The postgresql.conf lines that archive WAL into the stanza configured by `configureStanza`. */
export const archiveSettings = (pg: { dir: string }) => [
  'archive_mode = on',
  `archive_command = '/usr/bin/pgbackrest --config=${pg.dir}/pgbackrest.conf --stanza=t archive-push %p'`,
];

/** Writes pgbackrest.conf for stanza `t` and creates the stanza; returns the config path. */
export async function configureStanza(pg: ThrowawayPostgres): Promise<string> {
  const configPath = path.join(pg.dir, 'pgbackrest.conf');
  for (const sub of ['repo', 'lock', 'log']) {
    fs.mkdirSync(path.join(pg.dir, sub));
    if (asPostgres.length) {
      await exec('chown', ['postgres:postgres', path.join(pg.dir, sub)]);
    }
  }
  fs.writeFileSync(
    configPath,
    [
      '[global]',
      `repo1-path=${pg.dir}/repo`,
      `lock-path=${pg.dir}/lock`,
      `log-path=${pg.dir}/log`,
      'log-level-console=warn',
      'start-fast=y',
      '[t]',
      `pg1-path=${pg.dataDir}`,
      `pg1-port=${pg.port}`,
      `pg1-socket-path=${pg.dir}`,
      '',
    ].join('\n'),
  );
  fs.chmodSync(configPath, 0o644);
  await exec(pgbackrestCommand, [
    `--config=${configPath}`,
    '--stanza=t',
    'stanza-create',
  ]);
  return configPath;
}
