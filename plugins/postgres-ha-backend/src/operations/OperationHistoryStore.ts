import {
  resolvePackagePath,
  type DatabaseService,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  OperationName,
  OperationRecord,
} from '@pgha/plugin-postgres-ha-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

const OPERATIONS = 'postgres_ha_operations';
const LOCKS = 'postgres_ha_operation_locks';
const PRUNE_EVERY_MS = 60 * 60_000;
const MIGRATION_ATTEMPTS = 8;

/** What is known when an operation starts. */
export interface OperationStart {
  operation: OperationName;
  cluster: string;
  entityRef: string;
  actor: string;
  parameters: Record<string, string | number | null>;
}

/** How an operation ended. */
export interface OperationEnd {
  status: 'succeeded' | 'failed';
  message: string;
}

/** A started operation: renews its lease until `finish` records the end. */
export interface RunningOperation {
  readonly id: string;
  finish(end: OperationEnd): Promise<void>;
}

interface OperationRow {
  id: string;
  cluster: string;
  entity_ref: string;
  operation: string;
  actor: string;
  replica: string;
  parameters: string;
  status: string;
  message: string | null;
  started_at: Date | number | string;
  ended_at: Date | number | string | null;
  duration_ms: number | null;
}

interface OperationHistoryStoreOptions {
  database: DatabaseService;
  logger: LoggerService;
  /** Names this backend process in the records it writes. */
  replicaId: string;
  /** A running operation whose lease is not renewed for this long is interrupted. */
  leaseMs: number;
  /** Finished records older than this are deleted. */
  retentionMs: number;
}

const iso = (value: Date | number | string) => new Date(value).toISOString();

function toRecord(row: OperationRow): OperationRecord {
  return {
    id: row.id,
    operation: row.operation as OperationName,
    cluster: row.cluster,
    entityRef: row.entity_ref,
    actor: row.actor,
    replica: row.replica,
    parameters: JSON.parse(row.parameters),
    status: row.status as OperationRecord['status'],
    ...(row.message !== null && { message: row.message }),
    startedAt: iso(row.started_at),
    ...(row.ended_at !== null && { endedAt: iso(row.ended_at) }),
    ...(row.duration_ms !== null && { durationMs: Number(row.duration_ms) }),
  };
}

/**
 * The operations history in the plugin's database, and the lock that lets at
 * most one guarded operation run on a cluster across all backend replicas: a
 * row per cluster (primary key) with a lease its replica keeps renewing.
 */
export class OperationHistoryStore {
  readonly #db: Knex;
  readonly #logger: LoggerService;
  readonly #replicaId: string;
  readonly #leaseMs: number;
  readonly #retentionMs: number;
  #prunedAt = 0;

  static async create(options: OperationHistoryStoreOptions) {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrate(db);
    }
    return new OperationHistoryStore(db, options);
  }

  private constructor(db: Knex, options: OperationHistoryStoreOptions) {
    this.#db = db;
    this.#logger = options.logger;
    this.#replicaId = options.replicaId;
    this.#leaseMs = options.leaseMs;
    this.#retentionMs = options.retentionMs;
  }

  /**
   * Records a running operation. An `exclusive` one also takes the cluster's
   * lock, or throws ConflictError naming the operation that holds it.
   */
  async begin(
    start: OperationStart,
    options: { exclusive: boolean },
  ): Promise<RunningOperation> {
    await this.#prune();
    const startedAt = new Date();
    const row = {
      id: randomUUID(),
      cluster: start.cluster,
      entity_ref: start.entityRef,
      operation: start.operation,
      actor: start.actor,
      replica: this.#replicaId,
      parameters: JSON.stringify(start.parameters),
      started_at: startedAt,
    };
    if (!options.exclusive) {
      // Written once it ended: nothing to interrupt, nothing to lock.
      return {
        id: row.id,
        finish: async end => {
          await this.#db(OPERATIONS).insert({
            ...row,
            ...ended(end, startedAt),
          });
        },
      };
    }
    await this.#lock(row, startedAt);
    const renewal = setInterval(
      () => this.#renew(row.cluster, row.id),
      Math.max(this.#leaseMs / 3, 100),
    );
    renewal.unref();
    return {
      id: row.id,
      finish: async end => {
        clearInterval(renewal);
        await this.#db.transaction(async tx => {
          await tx(OPERATIONS)
            .where({ id: row.id })
            .update(ended(end, startedAt));
          await tx(LOCKS)
            .where({ cluster: row.cluster, operation_id: row.id })
            .delete();
        });
      },
    };
  }

  /** The cluster's operations, newest first; first ends those whose replica stopped. */
  async list(cluster: string, limit: number): Promise<OperationRecord[]> {
    await this.#expireStale(cluster);
    const rows: OperationRow[] = await this.#db(OPERATIONS)
      .where({ cluster })
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(toRecord);
  }

  /** Switchovers on the cluster that started at or after `since`, newest first. */
  async findSwitchovers(
    cluster: string,
    since: Date,
  ): Promise<OperationRecord[]> {
    await this.#expireStale(cluster);
    const rows: OperationRow[] = await this.#db(OPERATIONS)
      .where({ cluster, operation: 'switchover' })
      .andWhere('started_at', '>=', since)
      .orderBy('started_at', 'desc');
    return rows.map(toRecord);
  }

  async #lock(row: { id: string; cluster: string }, startedAt: Date) {
    await this.#expireStale(row.cluster);
    try {
      await this.#db.transaction(async tx => {
        await tx(OPERATIONS).insert({ ...row, status: 'running' });
        // The primary key lets one insert per cluster win, whichever replica tries.
        await tx(LOCKS).insert({
          cluster: row.cluster,
          operation_id: row.id,
          lease_expires_at: new Date(startedAt.getTime() + this.#leaseMs),
        });
      });
    } catch (error) {
      const holder = await this.#holder(row.cluster);
      if (!holder) throw error;
      throw new ConflictError(
        `Another operation is running on ${row.cluster}: ${
          holder.operation
        } started by ${holder.actor} at ${holder.startedAt} on replica ${
          holder.replica
        } (parameters ${JSON.stringify(
          holder.parameters,
        )}); try again when it has ended`,
      );
    }
  }

  async #holder(cluster: string): Promise<OperationRecord | undefined> {
    const row: OperationRow | undefined = await this.#db(LOCKS)
      .join(OPERATIONS, `${OPERATIONS}.id`, `${LOCKS}.operation_id`)
      .where(`${LOCKS}.cluster`, cluster)
      .first(`${OPERATIONS}.*`);
    return row && toRecord(row);
  }

  async #renew(cluster: string, id: string) {
    try {
      const renewed = await this.#db(LOCKS)
        .where({ cluster, operation_id: id })
        .update({ lease_expires_at: new Date(Date.now() + this.#leaseMs) });
      if (!renewed) {
        this.#logger.warn(
          `Operation ${id} on ${cluster} lost its lock (lease expired before renewal)`,
        );
      }
    } catch (error) {
      this.#logger.warn(
        `Could not renew the lease of operation ${id} on ${cluster}: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** Marks the lock holder interrupted when its replica stopped renewing the lease. */
  async #expireStale(cluster: string) {
    const now = new Date();
    const stale: { operation_id: string; lease_expires_at: Date } | undefined =
      await this.#db(LOCKS)
        .where({ cluster })
        .andWhere('lease_expires_at', '<', now)
        .first();
    if (!stale) return;
    await this.#db.transaction(async tx => {
      const removed = await tx(LOCKS)
        .where({ cluster, operation_id: stale.operation_id })
        .andWhere('lease_expires_at', '<', now)
        .delete();
      if (!removed) return;
      const record: OperationRow = await tx(OPERATIONS)
        .where({ id: stale.operation_id })
        .first();
      const endedAt = new Date(stale.lease_expires_at);
      await tx(OPERATIONS)
        .where({ id: stale.operation_id, status: 'running' })
        .update({
          status: 'interrupted',
          message: `Replica ${record.replica} stopped renewing its lease before the operation ended (it stopped or lost its database); the outcome is unknown: check the cluster`,
          ended_at: endedAt,
          duration_ms:
            endedAt.getTime() - new Date(record.started_at).getTime(),
        });
    });
  }

  async #prune() {
    if (Date.now() - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = Date.now();
    await this.#db(OPERATIONS)
      .where('started_at', '<', new Date(Date.now() - this.#retentionMs))
      .whereNot({ status: 'running' })
      .delete();
  }
}

/**
 * Replicas that start together race to create knex's own tables or find them
 * locked; the loser retries (bounded) and then finds nothing left to do.
 */
async function migrate(db: Knex) {
  const directory = resolvePackagePath(
    '@pgha/plugin-postgres-ha-backend',
    'migrations',
  );
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory });
      return;
    } catch (error) {
      if (attempt === MIGRATION_ATTEMPTS) throw error;
      await new Promise(r => setTimeout(r, 250 * attempt));
    }
  }
}

function ended(end: OperationEnd, startedAt: Date) {
  const endedAt = new Date();
  return {
    status: end.status,
    message: end.message,
    ended_at: endedAt,
    duration_ms: endedAt.getTime() - startedAt.getTime(),
  };
}
