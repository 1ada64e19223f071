import type { ObjectStoreConfig } from '../../config/readConfig';
import { startFakeS3 } from '../../__testUtils__/fakeS3';
import {
  ACID_ORDERS_BACKUPS,
  EXPECTED_S3_PROTOCOL_READS,
  s3ProtocolReads,
} from '../../__testUtils__/walgArchiveExpectations';
import { readWalgBackups } from './WalgBackupReader';
import { walgLocation } from '../../__testUtils__/walgArchiveExpectations';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** The env the suite's Kubernetes renderer writes for an S3 archive. */
const env = [
  { name: 'USE_WALG_BACKUP', value: 'true' },
  { name: 'BACKUP_SCHEDULE', value: '0 1 * * *' },
  { name: 'WAL_S3_BUCKET', value: 'pg-backups' },
  { name: 'WALG_S3_PREFIX', value: 's3://pg-backups/spilo/acid-orders' },
  { name: 'AWS_S3_FORCE_PATH_STYLE', value: 'true' },
];

const store = (endpoint: string, extra: Partial<ObjectStoreConfig> = {}) => ({
  name: 'minio',
  provider: 's3' as const,
  bucket: 'pg-backups',
  endpoint,
  region: 'eu-central-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: SECRET,
  forcePathStyle: true,
  ...extra,
});

describe('WAL-G backups of a Zalando cluster (recorded S3 API responses)', () => {
  it('lists both sentinel formats newest first and spans the window from the oldest backup to the newest WAL segment, paging ListObjectsV2 path-style with SigV4', async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders', pageSize: 2 });
    try {
      const result = await readWalgBackups(
        walgLocation(env)!,
        [store(s3.url)],
        5000,
      );
      expect(result).toEqual(ACID_ORDERS_BACKUPS);
      // Path style: the bucket is the first path segment on the configured endpoint.
      expect(s3.requests.every(r => r.path.startsWith('/pg-backups'))).toBe(
        true,
      );
      expect(
        s3.requests.every(r =>
          r.authorization?.startsWith(
            'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/',
          ),
        ),
      ).toBe(true);
      const walLists = s3.requests.filter(
        r => r.query.get('prefix') === 'spilo/acid-orders/wal_005/',
      );
      // WAL before the newest backup is skipped; 4 segments at 2 per page = 2 pages.
      expect(walLists[0].query.get('start-after')).toBe(
        'spilo/acid-orders/wal_005/000000020000000000000009',
      );
      expect(walLists).toHaveLength(2);
      expect(s3ProtocolReads(s3.requests)).toEqual(EXPECTED_S3_PROTOCOL_READS);
    } finally {
      await s3.close();
    }
  });

  it('says which config key to add when no credentials are configured for the bucket, without contacting the store', async () => {
    const s3 = await startFakeS3({ recording: 'acid-orders' });
    try {
      const result = await readWalgBackups(walgLocation(env)!, [], 5000);
      expect(result.error).toMatch(
        /No credentials for WAL-G store s3:\/\/pg-backups\/spilo\/acid-orders: add an entry to postgresHa\.objectStores with bucket: pg-backups/,
      );
      const partial = await readWalgBackups(
        walgLocation(env)!,
        [store(s3.url, { secretAccessKey: undefined })],
        5000,
      );
      expect(partial.error).toBe(
        "postgresHa.objectStores 'minio' (bucket pg-backups) needs secretAccessKey to read the WAL-G store",
      );
      expect(s3.requests).toHaveLength(0);
    } finally {
      await s3.close();
    }
  });

  it('reports a refused request by its S3 error code and what to check, never the secret key', async () => {
    const s3 = await startFakeS3({
      recording: 'acid-orders',
      fail: { status: 403, code: 'SignatureDoesNotMatch' },
    });
    try {
      const result = await readWalgBackups(
        walgLocation(env)!,
        [store(s3.url)],
        5000,
      );
      expect(result.error).toBe(
        "WAL-G store s3://pg-backups/spilo/acid-orders (postgresHa.objectStores 'minio') could not be read: SignatureDoesNotMatch (HTTP 403): check accessKeyId and secretAccessKey of that entry and that they may list and read the bucket (s3:ListBucket, s3:GetObject)",
      );
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(result.base).toEqual([]);
    } finally {
      await s3.close();
    }
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
