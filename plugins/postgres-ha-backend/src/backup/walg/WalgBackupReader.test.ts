import type { ObjectStoreConfig } from '../../config/readConfig';
import { closedPortUrl } from '../../__testUtils__/closedPort';
import { S3_TEST_KEY, startVersitygw } from '../../__testUtils__/versitygw';
import {
  ACID_ORDERS_BACKUPS,
  pagedListings,
  RECORDED_PAGED_LISTINGS,
  walgLocation,
} from '../../__testUtils__/walgArchiveExpectations';
import { S3Store } from './S3Store';
import { KeyPairStore, storeFor } from './storeCredentials';
import { readWalgBackups } from './WalgBackupReader';

/** The env the suite's Kubernetes renderer writes for an S3 archive. */
const env = [
  { name: 'USE_WALG_BACKUP', value: 'true' },
  { name: 'BACKUP_SCHEDULE', value: '0 1 * * *' },
  { name: 'WAL_S3_BUCKET', value: 'pg-backups' },
  { name: 'WALG_S3_PREFIX', value: 's3://pg-backups/spilo/acid-orders' },
  { name: 'AWS_S3_FORCE_PATH_STYLE', value: 'true' },
];
const location = walgLocation(env)!;

const store = (endpoint: string, extra: Partial<ObjectStoreConfig> = {}) => ({
  name: 'minio',
  provider: 's3' as const,
  bucket: 'pg-backups',
  endpoint,
  ...S3_TEST_KEY,
  forcePathStyle: true,
  ...extra,
});

let s3: Awaited<ReturnType<typeof startVersitygw>>;
beforeAll(async () => {
  s3 = await startVersitygw();
}, 60_000);
afterAll(() => s3?.stop());

const prefix =
  "WAL-G store s3://pg-backups/spilo/acid-orders (postgresHa.objectStores 'minio') could not be read:";

describe('WAL-G backups of a Zalando cluster in S3 (recorded WAL-G archive served by versitygw, file times as recorded)', () => {
  it('lists both sentinel formats newest first and spans the window from the oldest backup to the newest WAL segment, path-style with SigV4 the server checks', async () => {
    expect(await readWalgBackups(location, [store(s3.url)], 5000)).toEqual(
      ACID_ORDERS_BACKUPS,
    );
  });

  it('pages ListObjectsV2 by continuation token after start-after: two keys a page give the same listing', async () => {
    const listings = await pagedListings(pageSize =>
      S3Store.create({
        store: storeFor(location, [store(s3.url)]) as KeyPairStore,
        timeoutMs: 5000,
        pageSize,
      }),
    );
    expect(listings).toEqual(RECORDED_PAGED_LISTINGS);
  });

  it('says which config key to add when no credentials are configured for the bucket, without contacting the store', async () => {
    const result = await readWalgBackups(location, [], 5000);
    expect(result.error).toMatch(
      /No credentials for WAL-G store s3:\/\/pg-backups\/spilo\/acid-orders: add an entry to postgresHa\.objectStores with bucket: pg-backups/,
    );
    // A closed endpoint: contacting it would be reported as unreachable instead.
    const partial = await readWalgBackups(
      location,
      [store(await closedPortUrl(), { secretAccessKey: undefined })],
      5000,
    );
    expect(partial.error).toBe(
      "postgresHa.objectStores 'minio' (bucket pg-backups) needs secretAccessKey to read the WAL-G store",
    );
  });

  it('reports a refused request by its S3 error code and what to check, never the secret key', async () => {
    const wrong = 'wJalrXUtnFEMI/K7MDENG/notTheSecretOfThisKey';
    const result = await readWalgBackups(
      location,
      [store(s3.url, { secretAccessKey: wrong })],
      5000,
    );
    expect(result.error).toBe(
      `${prefix} SignatureDoesNotMatch (HTTP 403): check accessKeyId and secretAccessKey of that entry and that they may list and read the bucket (s3:ListBucket, s3:GetObject)`,
    );
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(result.base).toEqual([]);
  });

  it('says the bucket was not found at the endpoint, and names an unreachable endpoint', async () => {
    const missing = await readWalgBackups(
      { ...location, bucket: 'pg-old', url: 's3://pg-old/spilo/acid-orders' },
      [store(s3.url, { bucket: 'pg-old' })],
      5000,
    );
    expect(missing.error).toBe(
      `WAL-G store s3://pg-old/spilo/acid-orders (postgresHa.objectStores 'minio') could not be read: NoSuchBucket (HTTP 404): bucket 'pg-old' was not found at ${s3.url}; check bucket and endpoint of that entry`,
    );
    const closed = await closedPortUrl();
    const unreachable = await readWalgBackups(location, [store(closed)], 5000);
    expect(unreachable.error).toBe(
      `${prefix} cannot reach ${closed} (ECONNREFUSED); check endpoint of that entry and the network`,
    );
  });

  it('names the variable when a prefix is not <scheme>://<bucket>/<prefix>, and ignores clusters without WAL-G', () => {
    expect(() =>
      walgLocation([{ name: 'WALG_S3_PREFIX', value: 'pg-backups/spilo' }]),
    ).toThrow(
      "spec.env WALG_S3_PREFIX 'pg-backups/spilo' is not <scheme>://<bucket>/<prefix>",
    );
    expect(
      walgLocation([{ name: 'USE_WALG_BACKUP', value: 'true' }]),
    ).toBeUndefined();
  });
});
