import type { ObjectStoreConfig } from '../../config/readConfig';
import { CoalescedValue } from '../../status/CoalescedValue';
import { readWalgBackups, WalgBackups } from './WalgBackupReader';
import type { SpiloEnvironment } from './spiloEnvironment';
import { spiloWalgLocation, WalgLocation } from './walgStore';

/**
 * WAL-G backup information of one cluster, read at most once per TTL (it
 * changes slowly and costs several object-store requests), re-read at once
 * when the cluster's store changes.
 */
export class WalgBackupCache {
  readonly #stores: ObjectStoreConfig[];
  readonly #timeoutMs: number;
  readonly #ttlMs: number;
  #current?: { store: string; value: CoalescedValue<WalgBackups> };

  static create(options: {
    stores: ObjectStoreConfig[];
    timeoutMs: number;
    ttlMs: number;
  }) {
    return new WalgBackupCache(options);
  }

  private constructor(options: {
    stores: ObjectStoreConfig[];
    timeoutMs: number;
    ttlMs: number;
  }) {
    this.#stores = options.stores;
    this.#timeoutMs = options.timeoutMs;
    this.#ttlMs = options.ttlMs;
  }

  /** Undefined when the cluster does not archive with WAL-G (Spilo's environment names no store). */
  async read(env: SpiloEnvironment): Promise<WalgBackups | undefined> {
    let location: WalgLocation | undefined;
    try {
      location = spiloWalgLocation(env);
    } catch (error) {
      return { base: [], error: (error as Error).message };
    }
    if (!location) return undefined;
    // Keyed by the store itself: a url from a Secret is masked and would hide a change.
    const store = `${location.provider}://${location.bucket}/${location.prefix}`;
    if (this.#current?.store !== store) {
      const found = location;
      this.#current = {
        store,
        value: CoalescedValue.create({
          load: () => readWalgBackups(found, this.#stores, this.#timeoutMs),
          ttlMs: this.#ttlMs,
        }),
      };
    }
    return this.#current.value.getAllowingStale();
  }
}
