import type { BackupStatus, BaseBackup } from '@pgha/plugin-postgres-ha-common';
import type { ObjectStoreConfig } from '../../config/readConfig';
import { openObjectStore } from './openObjectStore';
import {
  hasTimes,
  SENTINEL_SUFFIX,
  startSegment,
  toBaseBackup,
  WalgSentinel,
} from './sentinel';
import { storeFor } from './storeCredentials';
import type { StoredObject, WalgObjectStore } from './WalgObjectStore';
import type { WalgLocation } from './walgStore';
import { recoveryWindowOf } from '../recoveryWindow';

export type WalgBackups = Pick<
  BackupStatus,
  'base' | 'baseBackupSchedule' | 'recoveryWindow' | 'error'
>;

/** Most base backups read per refresh (newest first); retention is usually far lower. */
const MAX_BACKUPS = 30;

/** A WAL segment object (`<24 hex>[.partial]` plus the compression extension). */
const WAL_SEGMENT = /\/([0-9A-F]{24})(\.partial)?(\.[a-z0-9]+)?$/;

/**
 * Base backups and the recoverable window of one WAL-G archive (S3, GCS, Azure):
 * sentinels under `<prefix>/basebackups_005/`, WAL under `<prefix>/wal_005/`.
 */
export async function readWalgBackups(
  location: WalgLocation,
  stores: ObjectStoreConfig[],
  timeoutMs: number,
): Promise<WalgBackups> {
  const known = { base: [], baseBackupSchedule: location.schedule };
  const config = storeFor(location, stores);
  if (typeof config === 'string') {
    return { ...known, error: config };
  }
  const store = openObjectStore(config, timeoutMs);
  try {
    const base = await readBaseBackups(store, location.prefix);
    return {
      ...known,
      base,
      recoveryWindow: await recoveryWindow(store, location.prefix, base),
    };
  } catch (error) {
    return {
      ...known,
      error: `WAL-G store ${location.url} (postgresHa.objectStores '${
        config.name
      }') could not be read: ${store.describeError(error)}`,
    };
  } finally {
    store.destroy();
  }
}

/** Newest first, from the stop sentinels (and metadata.json where the sentinel has no times). */
async function readBaseBackups(
  store: WalgObjectStore,
  prefix: string,
): Promise<BaseBackup[]> {
  const dir = `${prefix}/basebackups_005/`;
  const sentinels = (await store.list(dir))
    .filter(o => o.key.endsWith(SENTINEL_SUFFIX))
    .sort((a, b) => b.key.localeCompare(a.key))
    .slice(0, MAX_BACKUPS);
  const backups = await Promise.all(
    sentinels.map(async (o: StoredObject) => {
      const name = o.key.slice(dir.length, -SENTINEL_SUFFIX.length);
      const sentinel = ((await store.getJson(o.key)) ?? {}) as WalgSentinel;
      const metadata = hasTimes(sentinel)
        ? undefined
        : ((await store.getJson(`${dir}${name}/metadata.json`)) as
            | WalgSentinel
            | undefined);
      return toBaseBackup(name, sentinel, metadata, o.lastModified);
    }),
  );
  return backups.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}

/**
 * Recovery window from the base backups and the newest archived WAL segment. Only WAL after the
 * newest backup's start segment is listed: older segments cannot be the newest.
 */
async function recoveryWindow(
  store: WalgObjectStore,
  prefix: string,
  base: BaseBackup[],
): Promise<BackupStatus['recoveryWindow']> {
  const oldest = base[base.length - 1];
  if (!oldest) return undefined;
  const dir = `${prefix}/wal_005/`;
  const newestStart = base
    .map(b => startSegment(b.label))
    .filter((s): s is string => Boolean(s))
    .sort()
    .pop();
  const segments = (
    await store.list(dir, newestStart ? `${dir}${newestStart}` : undefined)
  ).flatMap(o => {
    const name = WAL_SEGMENT.exec(o.key)?.[1];
    return name && o.lastModified ? [{ name, at: o.lastModified }] : [];
  });
  // Newest by name (timeline, then position), not by upload time: WAL-G's wal-push uploads
  // the next ready segments concurrently, so an older segment can land last.
  const newest = segments.reduce<(typeof segments)[number] | undefined>(
    (best, s) => (!best || s.name > best.name ? s : best),
    undefined,
  );
  return recoveryWindowOf({
    oldestFinishedAt: oldest.finishedAt,
    newestFinishedAt: base[0].finishedAt,
    walArchivedAt: newest?.at.toISOString(),
    latestWal: newest?.name,
  });
}
