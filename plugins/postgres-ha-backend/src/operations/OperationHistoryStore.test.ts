import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import {
  OperationHistoryStore,
  type OperationStart,
  type RunningOperation,
} from './OperationHistoryStore';

/*
 * The store against both databases it supports: SQLite (better-sqlite3, a file
 * two connections share) and a real PostgreSQL 15 server. Two stores with their
 * own connections stand for two backend replicas.
 */
let pg: ThrowawayPostgres;
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-sqlite-'));
const connections: Knex[] = [];
let databases = 0;

beforeAll(async () => {
  pg = await startThrowawayPostgres();
}, 120_000);

afterAll(async () => {
  await Promise.all(connections.map(c => c.destroy()));
  await pg?.stop();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}, 60_000);

type Dialect = 'sqlite' | 'postgres';

/** A fresh database and a function that opens a new connection to it. */
async function freshDatabase(dialect: Dialect): Promise<() => Knex> {
  const name = `store_${++databases}`;
  let config: Knex.Config;
  if (dialect === 'sqlite') {
    config = {
      client: 'better-sqlite3',
      connection: { filename: path.join(sqliteDir, `${name}.sqlite`) },
      useNullAsDefault: true,
    };
  } else {
    const admin = knexFactory({
      client: 'pg',
      connection: pg.backendDatabase.connection,
    });
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
    config = {
      client: 'pg',
      connection: { ...pg.backendDatabase.connection, database: name },
    };
  }
  return () => {
    const knex = knexFactory(config);
    connections.push(knex);
    return knex;
  };
}

function replica(knex: Knex, replicaId: string, leaseMs = 60_000) {
  return OperationHistoryStore.create({
    database: mockServices.database({ knex }),
    logger: mockServices.logger.mock(),
    replicaId,
    leaseMs,
    retentionMs: 24 * 3600_000,
  });
}

const backup = (actor: string): OperationStart => ({
  operation: 'backup',
  cluster: 'patroni:lab',
  entityRef: 'resource:default/lab-postgres',
  actor,
  parameters: {},
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe.each<Dialect>(['sqlite', 'postgres'])(
  'OperationHistoryStore on %s',
  dialect => {
    it('records who ran what, when, from which replica, with which parameters, the result and the duration', async () => {
      const connect = await freshDatabase(dialect);
      const store = await replica(connect(), 'replica-a');
      const running = await store.begin(
        {
          ...backup('user:default/alice'),
          operation: 'scale',
          parameters: { instances: 3 },
        },
        { exclusive: true },
      );
      const [during] = await store.list('patroni:lab', 10);
      expect(during).toMatchObject({ id: running.id, status: 'running' });
      expect(during.endedAt).toBeUndefined();
      await sleep(20);
      await running.finish({ status: 'failed', message: 'refused: busy' });

      const [after] = await store.list('patroni:lab', 10);
      expect(after).toEqual({
        id: running.id,
        operation: 'scale',
        cluster: 'patroni:lab',
        entityRef: 'resource:default/lab-postgres',
        actor: 'user:default/alice',
        replica: 'replica-a',
        parameters: { instances: 3 },
        status: 'failed',
        message: 'refused: busy',
        startedAt: during.startedAt,
        endedAt: expect.any(String),
        durationMs: expect.any(Number),
      });
      expect(after.durationMs).toBe(
        Date.parse(after.endedAt!) - Date.parse(after.startedAt),
      );
      expect(after.durationMs).toBeGreaterThanOrEqual(20);
    });

    it('lets two replicas start at once on an empty database: both migrate it and see one history', async () => {
      const connect = await freshDatabase(dialect);
      const [a, b] = await Promise.all([
        replica(connect(), 'replica-a'),
        replica(connect(), 'replica-b'),
      ]);
      const running = await a.begin(backup('user:default/alice'), {
        exclusive: true,
      });
      await running.finish({ status: 'succeeded', message: 'done' });
      expect((await b.list('patroni:lab', 10)).map(r => r.id)).toEqual([
        running.id,
      ]);
    });

    it('lets exactly one of two replicas start an operation on a cluster; the others get a ConflictError naming it, who started it and when', async () => {
      const connect = await freshDatabase(dialect);
      const a = await replica(connect(), 'replica-a');
      const b = await replica(connect(), 'replica-b');
      const attempts = await Promise.allSettled(
        [a, b, a, b].map((store, i) =>
          store.begin(backup(`user:default/u${i}`), { exclusive: true }),
        ),
      );
      const started = attempts.filter(r => r.status === 'fulfilled');
      const refused = attempts.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(started).toHaveLength(1);
      expect(refused).toHaveLength(3);
      const [winner] = await a.list('patroni:lab', 10);
      expect(winner.status).toBe('running');
      for (const { reason } of refused) {
        expect(reason).toBeInstanceOf(ConflictError);
        expect(reason.message).toBe(
          `Another operation is running on patroni:lab: backup started by ${winner.actor} at ${winner.startedAt} on replica ${winner.replica} (parameters {}); try again when it has ended`,
        );
      }
      // Refused attempts leave no record; the cluster is free once the winner ends.
      expect(await b.list('patroni:lab', 10)).toHaveLength(1);
      await (
        started[0] as PromiseFulfilledResult<RunningOperation>
      ).value.finish({
        status: 'succeeded',
        message: 'done',
      });
      const next = await b.begin(backup('user:default/bob'), {
        exclusive: true,
      });
      await next.finish({ status: 'succeeded', message: 'done' });
      expect((await a.list('patroni:lab', 10)).map(r => r.status)).toEqual([
        'succeeded',
        'succeeded',
      ]);
    }, 60_000); // SQLite makes the second connection wait for the file lock

    it('keeps the lock of an operation that outlasts its lease while its replica renews it', async () => {
      const connect = await freshDatabase(dialect);
      const a = await replica(connect(), 'replica-a', 300);
      const b = await replica(connect(), 'replica-b', 300);
      const running = await a.begin(backup('user:default/alice'), {
        exclusive: true,
      });
      await sleep(1_000);
      await expect(
        b.begin(backup('user:default/bob'), { exclusive: true }),
      ).rejects.toThrow(/backup started by user:default\/alice/);
      await running.finish({ status: 'succeeded', message: 'done' });
    });

    it('marks the operation of a replica that lost its database interrupted after the lease, and frees the cluster', async () => {
      const connect = await freshDatabase(dialect);
      const deadConnection = connect();
      const a = await replica(deadConnection, 'replica-a', 300);
      const b = await replica(connect(), 'replica-b', 300);
      const orphan = await a.begin(backup('user:default/alice'), {
        exclusive: true,
      });
      await deadConnection.destroy();
      await sleep(1_000);

      const [record] = await b.list('patroni:lab', 10);
      expect(record).toMatchObject({
        id: orphan.id,
        status: 'interrupted',
        message: expect.stringContaining(
          'Replica replica-a stopped renewing its lease',
        ),
      });
      expect(Date.parse(record.endedAt!)).toBeGreaterThan(
        Date.parse(record.startedAt),
      );
      const next = await b.begin(backup('user:default/bob'), {
        exclusive: true,
      });
      await next.finish({ status: 'succeeded', message: 'done' });
      expect((await b.list('patroni:lab', 10)).map(r => r.status)).toEqual([
        'succeeded',
        'interrupted',
      ]);
    });

    it('finds the switchovers of a cluster since a time, for the failover history', async () => {
      const connect = await freshDatabase(dialect);
      const store = await replica(connect(), 'replica-a');
      const since = new Date();
      for (const operation of ['switchover', 'backup', 'switchover'] as const) {
        const running = await store.begin(
          { ...backup('user:default/alice'), operation },
          { exclusive: true },
        );
        await running.finish({ status: 'succeeded', message: operation });
      }
      const other = await store.begin(
        {
          ...backup('user:default/alice'),
          cluster: 'patroni:other',
          operation: 'switchover',
        },
        { exclusive: true },
      );
      await other.finish({ status: 'succeeded', message: 'elsewhere' });

      const found = await store.findSwitchovers('patroni:lab', since);
      expect(found.map(r => [r.operation, r.cluster])).toEqual([
        ['switchover', 'patroni:lab'],
        ['switchover', 'patroni:lab'],
      ]);
      expect(
        await store.findSwitchovers('patroni:lab', new Date(Date.now() + 1000)),
      ).toEqual([]);
    });

    it('records a restore plan without taking the lock, next to a running operation', async () => {
      const connect = await freshDatabase(dialect);
      const store = await replica(connect(), 'replica-a');
      const running = await store.begin(backup('user:default/alice'), {
        exclusive: true,
      });
      const plan = await store.begin(
        { ...backup('user:default/bob'), operation: 'restore' },
        { exclusive: false },
      );
      await plan.finish({ status: 'succeeded', message: 'planned' });
      await running.finish({ status: 'succeeded', message: 'done' });
      expect(
        (await store.list('patroni:lab', 10)).map(r => r.operation).sort(),
      ).toEqual(['backup', 'restore']);
    });
  },
);
