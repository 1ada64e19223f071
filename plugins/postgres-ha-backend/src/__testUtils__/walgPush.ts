import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './closedPort';
import { goTool } from './serverProcess';
import { S3_TEST_KEY } from './versitygw';

const run = promisify(execFile);
const PG_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL program as postgres (initdb refuses root), with `env` added. */
const asPostgres = (program: string, args: string[], env = {}) => {
  const argv = [
    'env',
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    path.join(PG_BIN, program),
    ...args,
  ];
  return process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', ...argv])
    : run(argv[0], argv.slice(1));
};

/**
 * Debian's PostgreSQL 15 archiving its WAL with real WAL-G (`wal-push`, Go module
 * github.com/wal-g/wal-g v0.2.19) into `s3://<bucket>/<prefix>` of an S3 server: writes a
 * little, switches WAL `segments` times, waits (bounded) until each is archived, stops.
 * Returns the names PostgreSQL reported archived, oldest first.
 */
export async function archiveWalWithWalg(options: {
  s3Url: string;
  walgPrefix: string;
  segments: number;
}): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pgha-walg-pg15-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) await run('chown', ['postgres', dir]);
  const port = await freePort();
  const psql = (sql: string) =>
    asPostgres('psql', [
      '-h',
      data,
      '-p',
      `${port}`,
      '-U',
      'postgres',
      '-XAtqc',
      sql,
    ]);
  try {
    await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust']);
    await appendFile(
      path.join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `unix_socket_directories = '${data}'`,
        "listen_addresses = ''",
        'archive_mode = on',
        `archive_command = '${goTool('WALG_BIN', 'wal-g')} wal-push %p'`,
      ].join('\n'),
    );
    // The postmaster passes its environment on to archive_command: WAL-G's settings.
    await asPostgres(
      'pg_ctl',
      ['-D', data, '-l', path.join(dir, 'log'), '-w', 'start'],
      {
        WALG_S3_PREFIX: options.walgPrefix,
        AWS_ACCESS_KEY_ID: S3_TEST_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3_TEST_KEY.secretAccessKey,
        AWS_REGION: S3_TEST_KEY.region,
        AWS_ENDPOINT: options.s3Url,
        AWS_S3_FORCE_PATH_STYLE: 'true',
      },
    );
    await psql('create table t (n int)');
    const archived: string[] = [];
    for (let i = 0; i < options.segments; i++) {
      await psql(`insert into t select generate_series(1, 1000)`);
      archived.push(
        (await psql('select pg_walfile_name(pg_switch_wal())')).stdout.trim(),
      );
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { stdout } = await psql(
        'select archived_count, failed_count from pg_stat_archiver',
      );
      const [done, failed] = stdout.trim().split('|').map(Number);
      if (done >= options.segments) return archived;
      if (Date.now() > deadline) {
        const log = await readFile(path.join(dir, 'log'), 'utf8').catch(
          () => '',
        );
        throw new Error(
          `WAL-G archived ${done} of ${options.segments} segments within 30 s (${failed} failed); PostgreSQL's log:\n${log}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  } finally {
    await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(
      () => {},
    );
    await rm(dir, { recursive: true, force: true });
  }
}
