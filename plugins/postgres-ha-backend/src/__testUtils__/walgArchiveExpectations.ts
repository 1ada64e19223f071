import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readPostgresHaConfig } from '../config/readConfig';
import {
  type EnvEntry,
  spiloEnvironment,
} from '../backup/walg/spiloEnvironment';
import { spiloWalgLocation } from '../backup/walg/walgStore';
import type { S3Request } from './fakeS3';
import { isDeepStrictEqual } from 'node:util';
import type {
  StoredObject,
  WalgObjectStore,
} from '../backup/walg/WalgObjectStore';

/** The store of a spec.env alone (no operator configuration, no pod environment objects). */
export const walgLocation = (env: EnvEntry[]) =>
  spiloWalgLocation(spiloEnvironment([{ origin: 'spec.env', entries: env }]));

/** spec.env of acid-orders archiving to `<scheme>://pg-backups/spilo/acid-orders`. */
export const acidOrdersLocation = (variable: string, scheme: string) =>
  walgLocation([
    { name: 'USE_WALG_BACKUP', value: 'true' },
    { name: 'BACKUP_SCHEDULE', value: '0 1 * * *' },
    { name: variable, value: `${scheme}://pg-backups/spilo/acid-orders` },
  ])!;

/** objectStores entries as the backend reads them from app-config (defaults applied). */
export const configuredStores = (...objectStores: JsonObject[]) =>
  readPostgresHaConfig(new ConfigReader({ postgresHa: { objectStores } }))
    .objectStores;

/** What every store's copy of the recorded acid-orders archive must yield. */
export const ACID_ORDERS_BACKUPS = {
  baseBackupSchedule: '0 1 * * *',
  base: [
    {
      label: 'base_000000020000000000000009',
      type: 'full',
      startedAt: '2026-11-21T01:00:02.907Z',
      finishedAt: '2026-11-21T01:00:35.512Z',
      sizeBytes: 4459071,
      walStart: '000000020000000000000009',
      walStop: '00000002000000000000000A',
    },
    {
      label: 'base_000000010000000000000004',
      type: 'full',
      startedAt: '2026-11-20T01:00:03.412Z',
      finishedAt: '2026-11-20T01:00:40.118Z',
      sizeBytes: 4371520,
      walStart: '000000010000000000000004',
      walStop: '000000010000000000000005',
    },
  ],
  recoveryWindow: {
    earliest: '2026-11-20T01:00:40.118Z',
    latest: '2026-11-21T17:05:52.000Z',
    latestWal: '00000002000000000000000C',
  },
};

/** The one metadata.json read: for the old sentinel without times. */
export const OLD_SENTINEL_METADATA =
  'spilo/acid-orders/basebackups_005/base_000000010000000000000004/metadata.json';

/**
 * Of S3-protocol requests (S3, GCS XML API): metadata.json is read only for the
 * sentinel without times, and the SDK sends no checksum headers (reads only;
 * GCS and some S3-compatible stores refuse them).
 */
export function s3ProtocolReads(requests: S3Request[]) {
  return {
    metadataPaths: requests
      .filter(r => r.path.endsWith('/metadata.json'))
      .map(r => r.path),
    checksumHeaders: requests.flatMap(r =>
      Object.keys(r.headers).filter(h => /checksum/.test(h)),
    ),
  };
}

export const EXPECTED_S3_PROTOCOL_READS = {
  metadataPaths: [`/pg-backups/${OLD_SENTINEL_METADATA}`],
  checksumHeaders: [],
};

/** The backups of the recorded archive written into a store now: the window ends at `newestWalModified`. */
export const writtenArchiveBackups = (newestWalModified: Date) => ({
  ...ACID_ORDERS_BACKUPS,
  recoveryWindow: {
    ...ACID_ORDERS_BACKUPS.recoveryWindow,
    latest: newestWalModified.toISOString(),
  },
});

const WAL_DIR = 'spilo/acid-orders/wal_005/';
const WAL_NAMES = [
  '000000010000000000000004.lz4',
  '000000010000000000000005.lz4',
  '000000010000000000000006.partial.lz4',
  '00000002.history.lz4',
  '000000020000000000000006.lz4',
  '000000020000000000000009.lz4',
  '00000002000000000000000A.lz4',
  '00000002000000000000000B.lz4',
  '00000002000000000000000C.lz4',
];

/**
 * A store's WAL listing of the recorded archive at its default page size, whether two keys a
 * page list the same objects (times included), and the two-a-page listing after a start key.
 */
export async function pagedListings(
  open: (pageSize?: number) => WalgObjectStore,
) {
  const [all, paged] = [open(), open(2)];
  const names = (objects: StoredObject[]) =>
    objects.map(o => o.key.slice(WAL_DIR.length));
  try {
    const listing = await all.list(WAL_DIR);
    return {
      names: names(listing),
      pagedIsSame: isDeepStrictEqual(await paged.list(WAL_DIR), listing),
      pagedAfterStart: names(
        await paged.list(WAL_DIR, `${WAL_DIR}000000020000000000000009`),
      ),
    };
  } finally {
    all.destroy();
    paged.destroy();
  }
}

/** What pagedListings yields for every store holding the recorded archive. */
export const RECORDED_PAGED_LISTINGS = {
  names: WAL_NAMES,
  pagedIsSame: true,
  pagedAfterStart: WAL_NAMES.slice(-4),
};
