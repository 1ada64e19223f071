import type { ObjectStoreConfig } from '../../config/readConfig';
import { CoalescedValue } from '../../status/CoalescedValue';
import { readWalgBackups, WalgBackups } from './WalgBackupReader';
import type { WalgLocation } from './walgStore';

interface WalgBackupCacheOptions {
  stores: ObjectStoreConfig[];
  timeoutMs: number;
  ttlMs: number;
}

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

  static create(options: WalgBackupCacheOptions) {
    return new WalgBackupCache(options);
  }

  private constructor(options: WalgBackupCacheOptions) {
    this.#stores = options.stores;
    this.#timeoutMs = options.timeoutMs;
    this.#ttlMs = options.ttlMs;
  }

  /** The backups of the archive at `location` (Spilo's, see spiloWalgLocation). */
  async read(location: WalgLocation): Promise<WalgBackups> {
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
