import * as k8s from '@kubernetes/client-node';
import type { WatchState } from '@pgha/plugin-postgres-ha-common';
import { KindName, listKind, WATCHED_KINDS, WatchedKind } from './resources';

/** Re-list back-off after a failed list or watch: 1 s doubling to 30 s. */
const BACKOFF_MS = { first: 1_000, max: 30_000 };
/** Changes within this window reach listeners as one notification. */
const NOTIFY_DEBOUNCE_MS = 50;

interface Informer {
  kind: KindName;
  lw: k8s.ListWatch<k8s.KubernetesObject>;
  synced: boolean;
  error?: string;
  failures: number;
  retry?: NodeJS.Timeout;
}

const registry = new Map<string, SharedInformers>();

/**
 * List+watch informers for one Kubernetes cluster, one per watched kind and
 * shared by every Zalando cluster on it: started with the first user, stopped
 * after the last. A failed list or watch is retried with back-off; a 410 Gone
 * makes the client re-list by itself.
 */
export class SharedInformers {
  readonly #kc: k8s.KubeConfig;
  readonly #informers = new Map<KindName, Informer>();
  readonly #listeners = new Set<() => void>();
  #users = 0;
  #since = new Date().toISOString();
  #wasUp = false;
  #notifyTimer?: NodeJS.Timeout;

  /** The shared informers of one cluster (by name and API server URL). */
  static for(cluster: string, kc: k8s.KubeConfig): SharedInformers {
    const key = `${cluster} ${kc.getCurrentCluster()?.server ?? ''}`;
    let shared = registry.get(key);
    if (!shared) {
      shared = new SharedInformers(kc);
      registry.set(key, shared);
    }
    return shared;
  }

  private constructor(kc: k8s.KubeConfig) {
    this.#kc = kc;
  }

  /** Adds a user; the first one starts the informers. Returns the release function. */
  acquire(onChange: () => void): () => void {
    this.#listeners.add(onChange);
    this.#users += 1;
    if (this.#users === 1) {
      for (const kind of Object.keys(WATCHED_KINDS) as KindName[]) {
        this.#start(kind);
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#listeners.delete(onChange);
      this.#users -= 1;
      if (this.#users === 0) this.#stopAll();
    };
  }

  /** True once every kind has been listed (the caches can answer). */
  get synced(): boolean {
    return (
      this.#informers.size > 0 &&
      [...this.#informers.values()].every(i => i.synced)
    );
  }

  /** Up when every watch runs; down (with the first failure) otherwise. */
  state(): WatchState {
    const failed = [...this.#informers.entries()].find(([, i]) => i.error);
    if (failed) {
      return {
        state: 'down',
        since: this.#since,
        message: `watch of ${failed[0]} failed: ${failed[1].error}; re-listing with back-off`,
      };
    }
    return { state: 'up', since: this.#since };
  }

  /** The cached objects of one kind in one namespace. */
  list<T extends k8s.KubernetesObject>(kind: KindName, namespace: string): T[] {
    return (this.#informers.get(kind)?.lw.list(namespace) ?? []) as T[];
  }

  #start(kind: KindName): void {
    const spec: WatchedKind = WATCHED_KINDS[kind];
    const lw = new k8s.ListWatch<k8s.KubernetesObject>(
      spec.path,
      new k8s.Watch(this.#kc),
      () => listKind(this.#kc, kind),
      false,
      spec.labelSelector,
      spec.fieldSelector,
    );
    const informer: Informer = { kind, lw, synced: false, failures: 0 };
    this.#informers.set(kind, informer);
    lw.on(k8s.CHANGE, () => this.#notify());
    lw.on(k8s.ERROR, error => this.#failed(informer, error));
    this.#run(informer);
  }

  /** (Re-)lists and watches; success is a start that raised no error. */
  #run(informer: Informer): void {
    const failures = informer.failures;
    informer.lw.start().then(() => {
      if (this.#informers.get(informer.kind) !== informer) {
        // Stopped while listing: the client opened its watch anyway.
        informer.lw.stop();
        return;
      }
      if (informer.failures !== failures) return;
      informer.synced = true;
      informer.failures = 0;
      if (informer.error) {
        informer.error = undefined;
        this.#changedState();
      } else if (this.synced && !this.#wasUp) {
        this.#wasUp = true;
        this.#notify();
      }
    });
  }

  #failed(informer: Informer, error: unknown): void {
    if (this.#informers.get(informer.kind) !== informer) return;
    informer.failures += 1;
    const message =
      (error as Error)?.message?.split('\n')[0] || String(error ?? 'error');
    if (!informer.error) {
      informer.error = message;
      this.#changedState();
    }
    if (!this.#users || informer.retry) return;
    const delay = Math.min(
      BACKOFF_MS.first * 2 ** (informer.failures - 1),
      BACKOFF_MS.max,
    );
    informer.retry = setTimeout(() => {
      informer.retry = undefined;
      if (this.#users) this.#run(informer);
    }, delay);
    informer.retry.unref();
  }

  #changedState(): void {
    this.#since = new Date().toISOString();
    this.#notify();
  }

  #notify(): void {
    if (this.#notifyTimer) return;
    this.#notifyTimer = setTimeout(() => {
      this.#notifyTimer = undefined;
      for (const listener of [...this.#listeners]) listener();
    }, NOTIFY_DEBOUNCE_MS);
    this.#notifyTimer.unref();
  }

  #stopAll(): void {
    for (const informer of this.#informers.values()) {
      clearTimeout(informer.retry);
      informer.lw.stop();
    }
    this.#informers.clear();
    clearTimeout(this.#notifyTimer);
    this.#notifyTimer = undefined;
    this.#wasUp = false;
  }
}
