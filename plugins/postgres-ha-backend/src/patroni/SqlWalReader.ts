import type { WalStatus } from '@pgha/plugin-postgres-ha-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PatroniClusterConfig } from '../config/readConfig';

type SqlSettings = NonNullable<PatroniClusterConfig['sql']>;

/** One row of JSON: the archiver, the slots and the size of all databases (PostgreSQL ≥ 13). */
const QUERY = `select json_build_object(
  'archiver', (select row_to_json(a) from (select archived_count, last_archived_wal, last_archived_time,
                failed_count, last_failed_wal, last_failed_time from pg_stat_archiver) a),
  'slots', coalesce((select json_agg(s order by s.slot_name) from (select slot_name, slot_type, active,
                restart_lsn::text, wal_status, safe_wal_size, plugin from pg_replication_slots) s), '[]'),
  'size', (select sum(pg_database_size(datname))::bigint from pg_database where datallowconn))`;

interface Row {
  archiver: {
    archived_count: number;
    last_archived_wal: string | null;
    last_archived_time: string | null;
    failed_count: number;
    last_failed_wal: string | null;
    last_failed_time: string | null;
  } | null;
  slots: {
    slot_name: string;
    slot_type: string;
    active: boolean;
    restart_lsn: string | null;
    wal_status: string | null;
    safe_wal_size: number | null;
    plugin: string | null;
  }[];
  size: number | null;
}

/** WAL archiving and slots change slowly; a failed read is retried as soon. */
const MAX_AGE_MS = 10_000;

const iso = (t: string | null) => (t ? new Date(t).toISOString() : undefined);

/** Turns the query's row into the status contract. */
export function toWalStatus(row: Row): WalStatus {
  const a = row.archiver;
  const failing =
    !!a?.last_failed_time &&
    (!a.last_archived_time ||
      Date.parse(a.last_failed_time) > Date.parse(a.last_archived_time));
  return {
    ...(a && {
      archiving: {
        archivedCount: a.archived_count,
        lastArchivedWal: a.last_archived_wal ?? undefined,
        lastArchivedAt: iso(a.last_archived_time),
        failedCount: a.failed_count,
        lastFailedWal: a.last_failed_wal ?? undefined,
        lastFailedAt: iso(a.last_failed_time),
        failing,
      },
    }),
    slots: row.slots.map(s => ({
      name: s.slot_name,
      type: s.slot_type,
      active: s.active,
      restartLsn: s.restart_lsn ?? undefined,
      walStatus: s.wal_status ?? undefined,
      safeWalSizeBytes: s.safe_wal_size,
      ...(s.plugin ? { plugin: s.plugin } : {}),
    })),
    databaseSizeBytes: row.size ?? undefined,
  };
}

/**
 * Reads WAL archiving, replication slots and database size from the leader with
 * psql (optional `sql` settings of a Patroni cluster). The password goes through
 * the environment, never the command line.
 */
export class SqlWalReader {
  readonly #settings: SqlSettings;
  readonly #timeoutMs: number;
  readonly #cluster: string;
  #last?: { key: string; at: number; value: Promise<WalStatus> };

  static create(options: {
    cluster: string;
    settings: SqlSettings;
    timeoutMs: number;
  }) {
    return new SqlWalReader(options);
  }

  private constructor(options: {
    cluster: string;
    settings: SqlSettings;
    timeoutMs: number;
  }) {
    this.#cluster = options.cluster;
    this.#settings = options.settings;
    this.#timeoutMs = options.timeoutMs;
  }

  /**
   * The leader's WAL status, read at most every `MAX_AGE_MS` per leader (a psql
   * run per snapshot would be too many during a failover). Never throws: a failure
   * is the answer's `error`.
   */
  read(host: string, port: number): Promise<WalStatus> {
    const key = `${host}:${port}`;
    const last = this.#last;
    if (last && last.key === key && Date.now() - last.at < MAX_AGE_MS) {
      return last.value;
    }
    const value = this.#read(host, port);
    this.#last = { key, at: Date.now(), value };
    return value;
  }

  async #read(host: string, port: number): Promise<WalStatus> {
    try {
      const out = await this.#psql(host, port, await this.#password());
      return toWalStatus(JSON.parse(out) as Row);
    } catch (error) {
      return { slots: [], error: (error as Error).message };
    }
  }

  async #password(): Promise<string | undefined> {
    const file = this.#settings.passwordFile;
    if (!file) {
      return this.#settings.password;
    }
    try {
      return (await fs.readFile(path.resolve(file), 'utf8')).trim();
    } catch {
      throw new Error(
        `postgresHa.patroni.clusters[${
          this.#cluster
        }].sql.passwordFile '${file}' cannot be read`,
      );
    }
  }

  #psql(host: string, port: number, password?: string): Promise<string> {
    const { user, database, command } = this.#settings;
    const where = `${user}@${host}:${port}/${database}`;
    return new Promise((resolve, reject) => {
      execFile(
        command.includes('/') ? path.resolve(command) : command,
        ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', QUERY],
        {
          timeout: this.#timeoutMs,
          env: {
            PATH: process.env.PATH,
            PGHOST: host,
            PGPORT: String(port),
            PGUSER: user,
            PGDATABASE: database,
            PGCONNECT_TIMEOUT: String(Math.ceil(this.#timeoutMs / 1000)),
            PGAPPNAME: 'backstage-postgres-ha',
            ...(password ? { PGPASSWORD: password } : {}),
          },
        },
        (error, stdout, stderr) => {
          if (!error) {
            resolve(stdout);
            return;
          }
          const code = (error as NodeJS.ErrnoException).code;
          let why: string;
          if (code === 'ENOENT') why = `psql executable '${command}' not found`;
          else if (error.killed)
            why = `psql did not finish within ${this.#timeoutMs} ms`;
          else why = String(stderr).trim().split('\n')[0];
          reject(new Error(`Cannot read WAL status as ${where}: ${why}`));
        },
      );
    });
  }
}
