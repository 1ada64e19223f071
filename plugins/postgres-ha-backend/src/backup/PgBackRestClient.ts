import { execFile } from 'node:child_process';
import path from 'node:path';
import type { BaseBackup, BackupStatus } from '@pgha/plugin-postgres-ha-common';
import { UpstreamFailure } from '../errors';
import { parseJsonKeepingBigInts } from './parseJson';
import { recoveryWindowOf } from './recoveryWindow';

export interface PgBackRestSettings {
  configPath: string;
  stanza: string;
  command: string;
  schedule?: string;
  backupType: 'full' | 'diff' | 'incr';
}

interface InfoBackup {
  label: string;
  type: string;
  error?: boolean;
  timestamp: { start: number; stop: number };
  info?: { size?: number; repository?: { size?: number } };
  archive?: { start?: string; stop?: string };
}

interface InfoStanza {
  name: string;
  status: { code: number; message: string };
  archive?: { id: string; min?: string; max?: string }[];
  backup?: InfoBackup[];
}

const iso = (epochSeconds: number) =>
  new Date(epochSeconds * 1000).toISOString();

/** A relative path from configuration is taken relative to the backend's working directory. */
const resolvePath = (p: string) => (p.includes('/') ? path.resolve(p) : p);

/**
 * Runs the pgBackRest CLI with an argument array (never a shell) and maps its
 * JSON output onto the status contract.
 */
export class PgBackRestClient {
  readonly #settings: PgBackRestSettings;
  readonly #timeoutMs: number;

  static create(options: { settings: PgBackRestSettings; timeoutMs: number }) {
    return new PgBackRestClient(options.settings, options.timeoutMs);
  }

  private constructor(settings: PgBackRestSettings, timeoutMs: number) {
    this.#settings = settings;
    this.#timeoutMs = timeoutMs;
  }

  /** Base backups, newest first, and the recoverable window. */
  async backupStatus(): Promise<BackupStatus> {
    const stanza = await this.#info();
    if (stanza.status.code !== 0 && !stanza.backup?.length) {
      throw new UpstreamFailure(
        'PgBackRestError',
        `pgBackRest stanza '${this.#settings.stanza}': ${
          stanza.status.message
        }`,
      );
    }
    const backups = (stanza.backup ?? []).filter(b => !b.error);
    const base: BaseBackup[] = backups
      .map(b => ({
        label: b.label,
        type: b.type,
        startedAt: iso(b.timestamp.start),
        finishedAt: iso(b.timestamp.stop),
        sizeBytes: b.info?.repository?.size ?? b.info?.size,
        walStart: b.archive?.start,
        walStop: b.archive?.stop,
      }))
      .reverse();
    const status: BackupStatus = {
      base,
      baseBackupSchedule: this.#settings.schedule,
    };
    const archive = stanza.archive?.[stanza.archive.length - 1];
    const oldest = backups[0];
    if (oldest && archive?.max) {
      status.recoveryWindow = recoveryWindowOf({
        oldestFinishedAt: iso(oldest.timestamp.stop),
        newestFinishedAt: iso(backups[backups.length - 1].timestamp.stop),
        walArchivedAt: await this.#walArchivedAt(archive.id, archive.max),
        latestWal: archive.max,
      });
    }
    return status;
  }

  /** Takes a backup of the configured type; resolves when pgBackRest is done. */
  async backup(timeoutMs: number): Promise<void> {
    await this.#run(['--type', this.#settings.backupType, 'backup'], timeoutMs);
  }

  async #info(): Promise<InfoStanza> {
    const out = await this.#run(['--output=json', 'info'], this.#timeoutMs);
    const parsed = parseJsonKeepingBigInts(out);
    const stanza = Array.isArray(parsed)
      ? (parsed[0] as InfoStanza)
      : undefined;
    if (!stanza?.status) {
      throw new UpstreamFailure(
        'MalformedResponse',
        'pgBackRest info printed no stanza',
      );
    }
    return stanza;
  }

  /** Modification time of the newest archived WAL segment, read with `repo-ls`. */
  async #walArchivedAt(
    archiveId: string,
    wal: string,
  ): Promise<string | undefined> {
    const dir = `archive/${this.#settings.stanza}/${archiveId}/${wal.slice(
      0,
      16,
    )}`;
    const out = await this.#run(
      ['--output=json', `--filter=^${wal}`, 'repo-ls', dir],
      this.#timeoutMs,
    );
    const files = parseJsonKeepingBigInts(out) as Record<
      string,
      { time?: number }
    >;
    const times = Object.values(files ?? {})
      .map(f => f.time)
      .filter((t): t is number => typeof t === 'number');
    return times.length ? iso(Math.max(...times)) : undefined;
  }

  #run(args: string[], timeoutMs: number): Promise<string> {
    const argv = [
      `--config=${resolvePath(this.#settings.configPath)}`,
      `--stanza=${this.#settings.stanza}`,
      ...args,
    ];
    return new Promise((resolve, reject) => {
      execFile(
        resolvePath(this.#settings.command),
        argv,
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (!error) {
            resolve(stdout);
            return;
          }
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(
              new UpstreamFailure(
                'PgBackRestError',
                `pgBackRest executable '${this.#settings.command}' not found`,
              ),
            );
          } else if (error.killed) {
            reject(
              new UpstreamFailure(
                'Timeout',
                `pgBackRest ${args.at(
                  -1,
                )} did not finish within ${timeoutMs} ms`,
              ),
            );
          } else {
            const detail = String(stderr || stdout)
              .trim()
              .split('\n')
              .slice(-2)
              .join(' ');
            reject(
              new UpstreamFailure(
                'PgBackRestError',
                `pgBackRest ${args.at(-1)} failed (exit ${
                  error.code
                }): ${detail.slice(0, 300)}`,
              ),
            );
          }
        },
      );
    });
  }
}
