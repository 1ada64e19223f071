import type { BackupStatus, BaseBackup } from '@pgha/plugin-postgres-ha-common';
import type { ObjectStoreConfig } from '../../config/readConfig';
import { describeS3Error, S3Store, StoredObject } from './S3Store';
import {
  hasTimes,
  SENTINEL_SUFFIX,
  startSegment,
  toBaseBackup,
  WalgSentinel,
} from './sentinel';
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
 * Base backups and the recoverable window of one WAL-G archive in S3:
 * sentinels under `<prefix>/basebackups_005/`, WAL under `<prefix>/wal_005/`.
 */
export async function readWalgBackups(
  location: WalgLocation,
  stores: ObjectStoreConfig[],
  timeoutMs: number,
): Promise<WalgBackups> {
  const known = { base: [], baseBackupSchedule: location.schedule };
  const problem = credentialProblem(location, stores);
  if (typeof problem === 'string') {
    return { ...known, error: problem };
  }
  const s3 = S3Store.create({ store: problem, timeoutMs });
  try {
    const base = await readBaseBackups(s3, location.prefix);
    return {
      ...known,
      base,
      recoveryWindow: await recoveryWindow(s3, location.prefix, base),
    };
  } catch (error) {
    return {
      ...known,
      error: `WAL-G store ${location.url} (postgresHa.objectStores '${
        problem.name
      }') could not be read: ${describeS3Error(error)}`,
    };
  } finally {
    s3.destroy();
  }
}

/** The configured store with credentials for this archive, or why there is none. */
function credentialProblem(
  location: WalgLocation,
  stores: ObjectStoreConfig[],
):
  | string
  | (ObjectStoreConfig & { accessKeyId: string; secretAccessKey: string }) {
  if (location.provider !== 's3') {
    return `WAL-G backups in ${
      location.provider === 'gcs'
        ? 'Google Cloud Storage'
        : 'Azure Blob Storage'
    } (${
      location.url
    }) are not supported yet; only S3-compatible stores are read`;
  }
  const store = stores.find(
    s => s.provider === 's3' && s.bucket === location.bucket,
  );
  if (!store) {
    return `No credentials for WAL-G store ${location.url}: add an entry to postgresHa.objectStores with bucket: ${location.bucket} (name, region, accessKeyId, secretAccessKey; endpoint and forcePathStyle for S3-compatible stores)`;
  }
  const { accessKeyId, secretAccessKey } = store;
  if (!accessKeyId || !secretAccessKey) {
    return `postgresHa.objectStores '${store.name}' (bucket ${
      location.bucket
    }) needs ${
      accessKeyId ? 'secretAccessKey' : 'accessKeyId'
    } to read the WAL-G store`;
  }
  return { ...store, accessKeyId, secretAccessKey };
}

/** Newest first, from the stop sentinels (and metadata.json where the sentinel has no times). */
async function readBaseBackups(
  s3: S3Store,
  prefix: string,
): Promise<BaseBackup[]> {
  const dir = `${prefix}/basebackups_005/`;
  const sentinels = (await s3.list(dir))
    .filter(o => o.key.endsWith(SENTINEL_SUFFIX))
    .sort((a, b) => b.key.localeCompare(a.key))
    .slice(0, MAX_BACKUPS);
  const backups = await Promise.all(
    sentinels.map(async (o: StoredObject) => {
      const name = o.key.slice(dir.length, -SENTINEL_SUFFIX.length);
      const sentinel = ((await s3.getJson(o.key)) ?? {}) as WalgSentinel;
      const metadata = hasTimes(sentinel)
        ? undefined
        : ((await s3.getJson(`${dir}${name}/metadata.json`)) as
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
  s3: S3Store,
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
    await s3.list(dir, newestStart ? `${dir}${newestStart}` : undefined)
  ).filter(o => WAL_SEGMENT.test(o.key) && o.lastModified);
  const newest = segments.reduce<StoredObject | undefined>(
    (best, o) => (!best || o.lastModified! > best.lastModified! ? o : best),
    undefined,
  );
  return recoveryWindowOf({
    oldestFinishedAt: oldest.finishedAt,
    newestFinishedAt: base[0].finishedAt,
    walArchivedAt: newest?.lastModified!.toISOString(),
    latestWal: newest && WAL_SEGMENT.exec(newest.key)![1],
  });
}
