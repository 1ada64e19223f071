import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { toUpstreamError } from '../errors';
import type { HealthEvaluator } from '../health/HealthEvaluator';
import type { ClusterSource } from './ClusterSource';
import { CoalescedValue } from './CoalescedValue';
import { LeaderChanges } from './LeaderChanges';

type Listener = (status: ClusterStatus) => void;

interface Entry {
  source: ClusterSource;
  status: CoalescedValue<ClusterStatus>;
  listeners: Set<Listener>;
  changes: LeaderChanges;
  timer?: NodeJS.Timeout;
  /** Stops the source's watch (sources that can watch). */
  unwatch?: () => void;
  /** A change arrived while a read ran: read again after it. */
  dirty?: boolean;
  reading?: boolean;
  /** The last pushed snapshot, without its timestamp, to push only changes. */
  lastPushed?: string;
  lastError?: string;
}

const withoutTime = ({ fetchedAt: _t, ageMs: _a, ...rest }: ClusterStatus) =>
  JSON.stringify(rest);

/** How often a watched cluster is probed between snapshots (capped by the interval). */
const PROBE_MS = 1_000;
/** How often it is re-read while a leader change is under way or settling. */
const FAST_MS = 250;

interface StatusHubOptions {
  evaluator: HealthEvaluator;
  refreshIntervalMs: number;
  logger: LoggerService;
}

/**
 * One shared snapshot per cluster. Requests within a refresh interval share it,
 * concurrent refreshes share one upstream read, and the interval timer runs
 * only while somebody watches the event stream, which gets only changes.
 */
export class StatusHub {
  readonly #entries = new Map<string, Entry>();
  readonly #evaluator: HealthEvaluator;
  readonly #refreshIntervalMs: number;
  readonly #logger: LoggerService;

  static create(options: StatusHubOptions) {
    return new StatusHub(options);
  }

  private constructor(options: StatusHubOptions) {
    this.#evaluator = options.evaluator;
    this.#refreshIntervalMs = options.refreshIntervalMs;
    this.#logger = options.logger;
  }

  /**
   * The cluster's snapshot for a request: at most one refresh interval old, or
   * up to two while a refresh runs, so requests never queue behind the upstream.
   */
  async getStatus(source: ClusterSource): Promise<ClusterStatus> {
    return this.#served(await this.#entry(source).status.getAllowingStale());
  }

  /** A switchover was requested through the backend: its leader change is a switchover by `initiator`. */
  noteSwitchover(source: ClusterSource, initiator?: string): void {
    this.#entry(source).changes.noteSwitchover(initiator);
  }

  /** Re-reads the cluster now (after an operation) and pushes the change to watchers. */
  async refreshNow(source: ClusterSource): Promise<ClusterStatus> {
    const entry = this.#entry(source);
    entry.status.invalidate();
    const status = await entry.status.refresh();
    this.#push(entry, status);
    return status;
  }

  /**
   * Calls `listener` with the current snapshot and then with every change.
   * Returns the function that stops watching.
   */
  subscribe(source: ClusterSource, listener: Listener): () => void {
    const entry = this.#entry(source);
    entry.listeners.add(listener);
    // Watch first, so that the first read can already come from the watch.
    if (!entry.timer) {
      this.#schedule(entry, this.#probeMs);
      entry.unwatch = source.watch?.(() => this.#changed(entry));
    }
    entry.status.get().then(status => {
      // A change reaches every watcher; otherwise only the newcomer needs it.
      if (entry.listeners.has(listener) && !this.#push(entry, status)) {
        listener(this.#served(status));
      }
    });
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && entry.timer) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
        entry.unwatch?.();
        entry.unwatch = undefined;
      }
    };
  }

  /** Stops all timers (backend shutdown). */
  close(): void {
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.unwatch?.();
      entry.unwatch = undefined;
      entry.listeners.clear();
    }
  }

  get #probeMs() {
    return Math.min(PROBE_MS, this.#refreshIntervalMs);
  }

  #schedule(entry: Entry, delayMs: number) {
    const timer = setTimeout(() => this.#tick(entry, timer), delayMs);
    timer.unref();
    entry.timer = timer;
  }

  /**
   * One step of a watched cluster: re-read it at once while a leader change is
   * under way or when the source's probe sees a change; otherwise once per interval.
   */
  async #tick(entry: Entry, timer: NodeJS.Timeout) {
    const startedAt = Date.now();
    const unsettled = entry.changes.unsettled();
    const changed =
      !unsettled &&
      !!entry.source.probe &&
      !!entry.status.peek() &&
      (await entry.source.probe().catch(() => true));
    // get(), not refresh(), when calm: a read that just happened is reused, not repeated.
    const status = await (unsettled || changed
      ? entry.status.refresh()
      : entry.status.get());
    this.#push(entry, status);
    // Only the current loop goes on (watchers may have left and come back meanwhile),
    // at a steady cadence whatever the read took.
    if (entry.listeners.size && entry.timer === timer) {
      const period = entry.changes.unsettled() ? FAST_MS : this.#probeMs;
      this.#schedule(entry, Math.max(period - (Date.now() - startedAt), 0));
    }
  }

  /** The source saw a change: read it now (once more if it changes mid-read) and push it. */
  #changed(entry: Entry): void {
    entry.dirty = true;
    if (entry.reading) return;
    entry.reading = true;
    const next = (): Promise<void> => {
      entry.dirty = false;
      entry.status.invalidate();
      return entry.status.refresh().then(status => {
        this.#push(entry, status);
        return entry.dirty && entry.listeners.size ? next() : undefined;
      });
    };
    next().finally(() => {
      entry.reading = false;
    });
  }

  /** Sends a changed snapshot to every watcher; false when nothing changed. */
  #push(entry: Entry, status: ClusterStatus): boolean {
    const key = withoutTime(status);
    if (key === entry.lastPushed) {
      return false;
    }
    entry.lastPushed = key;
    const served = this.#served(status);
    for (const listener of entry.listeners) {
      listener(served);
    }
    return true;
  }

  /** The snapshot with its age now and the interval it is refreshed at. */
  #served(status: ClusterStatus): ClusterStatus {
    return {
      ...status,
      ageMs: Math.max(Date.now() - Date.parse(status.fetchedAt), 0),
      refreshIntervalSeconds: this.#refreshIntervalMs / 1000,
    };
  }

  #entry(source: ClusterSource): Entry {
    let entry = this.#entries.get(source.key);
    if (!entry) {
      const created: Entry = {
        source,
        listeners: new Set(),
        changes: LeaderChanges.create(),
        status: CoalescedValue.create({
          load: () => this.#read(created),
          // A little under the interval, so the timer always finds it stale.
          ttlMs: Math.max(this.#refreshIntervalMs - 50, 0),
        }),
      };
      entry = created;
      this.#entries.set(source.key, entry);
    }
    return entry;
  }

  async #read(entry: Entry): Promise<ClusterStatus> {
    try {
      const status = await entry.source.fetchStatus();
      if (entry.lastError) {
        this.#logger.info(`Cluster ${entry.source.key} is readable again`);
        entry.lastError = undefined;
      }
      entry.changes.observe(status.members);
      return {
        ...status,
        history: entry.changes.annotate(status.history),
        // Links come from configuration, so every source's status carries the same ones.
        cluster: { ...status.cluster, links: entry.source.identity.links },
        health: this.#evaluator.evaluate(status),
      };
    } catch (error) {
      const upstream = toUpstreamError(error);
      if (entry.lastError !== upstream.message) {
        this.#logger.warn(
          `Cannot read cluster ${entry.source.key}: ${upstream.type}: ${upstream.message}`,
        );
        entry.lastError = upstream.message;
      }
      const unreadable = {
        cluster: {
          ...entry.source.identity,
          replicationMode: 'async' as const,
          readyInstances: 0,
          endpoints: {},
        },
        members: [],
        history: [],
        backups: { base: [] },
        fetchedAt: new Date().toISOString(),
        error: upstream,
      };
      return { ...unreadable, health: this.#evaluator.evaluate(unreadable) };
    }
  }
}
