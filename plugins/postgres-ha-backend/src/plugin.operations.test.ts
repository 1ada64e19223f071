import { mockCredentials } from '@backstage/backend-test-utils';
import type { OperationRecord } from '@pgha/plugin-postgres-ha-common';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  entityPath,
  labClusterEntity,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';
import {
  archiveSettings,
  configureStanza,
  pgbackrestCommand,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from './__testUtils__/throwawayPostgres';

/*
 * Backend replicas sharing Backstage's database on a real PostgreSQL 15 server
 * (Debian's), running "backup now" for real: pgBackRest backs that same server
 * up into a local repository. The Patroni URL answers nothing; a backup does
 * not ask Patroni.
 */
type Backend = Awaited<ReturnType<typeof startPluginBackend>>;
type Target = Backend['server'] | string;

const LEASE_SECONDS = 2;
let pg: ThrowawayPostgres;
let configPath: string;
const backends: Backend[] = [];
let child: ChildProcess | undefined;

beforeAll(async () => {
  pg = await startThrowawayPostgres(archiveSettings);
  configPath = await configureStanza(pg);
}, 120_000);

/** SIGKILLs the replica's process group: node and the pgBackRest it started. */
function killReplicaProcess() {
  try {
    process.kill(-child!.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

afterAll(async () => {
  if (child) killReplicaProcess();
  await Promise.all(backends.map(b => b.stop()));
  await pg?.stop();
}, 60_000);

function config(replicaId: string) {
  return {
    backend: { database: pg.backendDatabase },
    postgresHa: {
      operations: { replicaId, leaseSeconds: LEASE_SECONDS },
      patroni: {
        clusters: [
          {
            name: 'lab',
            urls: ['http://127.0.0.1:9'],
            pgbackrest: {
              configPath,
              stanza: 't',
              command: pgbackrestCommand,
              backupType: 'full',
            },
          },
        ],
      },
    },
  };
}

async function replica(replicaId: string) {
  const backend = await startPluginBackend({
    config: config(replicaId),
    entities: [labClusterEntity],
  });
  backends.push(backend);
  return backend;
}

const backupAs = (target: Target, user: string) =>
  request(target)
    .post(`${entityPath('lab-postgres')}/backup`)
    .set('Authorization', mockCredentials.user.header(`user:default/${user}`))
    .send({});

async function history(target: Target): Promise<OperationRecord[]> {
  const response = await request(target)
    .get(`${entityPath('lab-postgres')}/operations`)
    .expect(200);
  return response.body.operations;
}

async function record(target: Target, id: string) {
  return (await history(target)).find(r => r.id === id);
}

/** Polls the history until the record `id` is no longer running (bounded). */
async function ended(target: Target, id: string): Promise<OperationRecord> {
  const end = Date.now() + 120_000;
  for (;;) {
    const found = await record(target, id);
    if (found && found.status !== 'running') return found;
    if (Date.now() > end) {
      throw new Error(`operation ${id} is still ${JSON.stringify(found)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** A replica in its own process group, so the test can kill it and pgBackRest with it. */
async function replicaProcess(replicaId: string): Promise<string> {
  child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      path.join(__dirname, '__testUtils__', 'replicaProcess.ts'),
      JSON.stringify(config(replicaId)),
    ],
    { cwd: path.resolve(__dirname, '..'), detached: true, stdio: 'pipe' },
  );
  const started = child;
  let stderr = '';
  started.stderr!.on('data', chunk => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`replica did not start in 90 s: ${stderr}`)),
      90_000,
    );
    started.stdout!.once('data', chunk => {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${JSON.parse(String(chunk)).port}`);
    });
    started.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`replica exited with ${code}: ${stderr}`));
    });
  });
}

describe('operations across backend replicas sharing a PostgreSQL database', () => {
  it('runs exactly one of two simultaneous backups on two replicas and refuses the other with 409 naming it, who started it and when', async () => {
    const a = await replica('replica-a');
    const b = await replica('replica-b');

    const [fromA, fromB] = await Promise.all([
      backupAs(a.server, 'alice'),
      backupAs(b.server, 'bob'),
    ]);

    const statuses = [fromA.status, fromB.status].sort();
    expect(statuses).toEqual([202, 409]);
    const [won, lost] = fromA.status === 202 ? [fromA, fromB] : [fromB, fromA];
    const [winner, replicaOfWinner] =
      won === fromA ? ['alice', 'replica-a'] : ['bob', 'replica-b'];
    const running = (await record(b.server, won.body.operationId))!;
    expect(lost.body.error.name).toBe('ConflictError');
    expect(lost.body.error.message).toBe(
      `Another operation is running on patroni:lab: backup started by user:default/${winner} at ${running.startedAt} on replica ${replicaOfWinner} (parameters {}); try again when it has ended`,
    );

    const done = await ended(a.server, won.body.operationId);
    expect(done).toMatchObject({
      operation: 'backup',
      actor: `user:default/${winner}`,
      replica: replicaOfWinner,
      status: 'succeeded',
      message: "pgBackRest full backup of stanza 't' started",
    });
    expect(done.durationMs).toBeGreaterThan(0);
    expect(await history(a.server)).toHaveLength(1);
  }, 180_000);

  it('keeps the history when every replica restarts', async () => {
    const before = await history(backends[0].server);
    await Promise.all(backends.splice(0).map(b => b.stop()));
    const c = await replica('replica-c');
    expect(await history(c.server)).toEqual(before);
  }, 60_000);

  it('marks the backup of a replica killed mid-operation interrupted once its lease expired, and lets the next one run', async () => {
    const c = backends[0];
    const k = await replicaProcess('replica-k');
    const accepted = await backupAs(k, 'carol').expect(202);
    expect(await record(c.server, accepted.body.operationId)).toMatchObject({
      status: 'running',
      replica: 'replica-k',
    });
    killReplicaProcess();

    const interrupted = await ended(c.server, accepted.body.operationId);
    expect(interrupted).toMatchObject({
      actor: 'user:default/carol',
      status: 'interrupted',
      message: expect.stringContaining(
        'Replica replica-k stopped renewing its lease',
      ),
    });
    const next = await backupAs(c.server, 'dave').expect(202);
    const finished = await ended(c.server, next.body.operationId);
    expect(finished).toMatchObject({
      actor: 'user:default/dave',
      status: 'succeeded',
    });
  }, 240_000);
});

describe('operations history on the embedded SQLite database', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-sqlite-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  const start = async () => {
    const backend = await startPluginBackend({
      config: {
        backend: {
          database: { client: 'better-sqlite3', connection: { directory } },
        },
        postgresHa: {
          patroni: {
            clusters: [{ name: 'lab', urls: ['http://127.0.0.1:9'] }],
          },
        },
      },
      entities: [labClusterEntity],
    });
    backends.push(backend);
    return backend;
  };

  it('records refused operations with their error and keeps them across a restart', async () => {
    const first = await start();
    const scale = await request(first.server)
      .post(`${entityPath('lab-postgres')}/scale`)
      .set('Authorization', mockCredentials.user.header('user:default/erin'))
      .send({ instances: 3 })
      .expect(400);
    const recorded = await history(first.server);
    expect(recorded).toEqual([
      expect.objectContaining({
        operation: 'scale',
        actor: 'user:default/erin',
        parameters: { instances: 3 },
        status: 'failed',
        message: scale.body.error.message,
      }),
    ]);
    await first.stop();

    const second = await start();
    expect(await history(second.server)).toEqual(recorded);
  }, 60_000);

  it('names the field of a bad history query', async () => {
    const backend = await start();
    const response = await request(backend.server)
      .get(`${entityPath('lab-postgres')}/operations?limit=all`)
      .expect(400);
    expect(response.body.error.message).toBe(
      'Invalid history query: limit: Expected number, received nan',
    );
  });
});
