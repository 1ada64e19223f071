import { startFakeGcs } from '../../__testUtils__/fakeGcs';
import {
  ACID_ORDERS_BACKUPS,
  acidOrdersLocation,
  configuredStores,
  EXPECTED_S3_PROTOCOL_READS,
  s3ProtocolReads,
} from '../../__testUtils__/walgArchiveExpectations';
import { readWalgBackups } from './WalgBackupReader';

const HMAC = {
  accessId: 'GOOG1EPGHATESTACCESSIDFORWALGREADER0000000000000000000000',
  secret: 'pghaTestHmacSecret+0123456789/abcdefghijkl',
};
const location = acidOrdersLocation('WALG_GS_PREFIX', 'gs');

const gcsStore = (endpoint: string, secret = HMAC.secret) =>
  configuredStores({
    name: 'gcs-backups',
    provider: 'gcs',
    bucket: 'pg-backups',
    endpoint,
    accessKeyId: HMAC.accessId,
    secretAccessKey: secret,
  });

describe("WAL-G backups in Google Cloud Storage with an HMAC key (hand-written stand-in of GCS's XML API, recorded responses: fake-gcs-server neither speaks its S3 dialect nor checks HMAC signatures)", () => {
  it('lists both sentinel formats newest first and the same window as S3, paging ListObjectsV2 with opaque tokens, path-style, SigV4 for region auto, no checksum headers', async () => {
    const gcs = await startFakeGcs({
      recording: 'acid-orders',
      hmac: HMAC,
      pageSize: 2,
    });
    try {
      const result = await readWalgBackups(location, gcsStore(gcs.url), 5000);
      expect(result).toEqual(ACID_ORDERS_BACKUPS);
      // The fake recomputed every signature with the HMAC secret and refused none.
      expect(
        gcs.requests.every(r =>
          new RegExp(
            `^AWS4-HMAC-SHA256 Credential=${HMAC.accessId}/\\d{8}/auto/s3/aws4_request,`,
          ).test(r.authorization ?? ''),
        ),
      ).toBe(true);
      expect(gcs.requests.every(r => r.path.startsWith('/pg-backups'))).toBe(
        true,
      );
      const lists = gcs.requests.filter(r => r.query.get('list-type') === '2');
      const continued = lists.filter(r => r.query.has('continuation-token'));
      expect(continued.length).toBeGreaterThan(0);
      expect(
        continued.every(r => !r.query.get('continuation-token')!.includes('/')),
      ).toBe(true);
      expect(s3ProtocolReads(gcs.requests)).toEqual(EXPECTED_S3_PROTOCOL_READS);
    } finally {
      await gcs.close();
    }
  });

  it('names the HMAC key and the service account permission when GCS refuses the signature, never the secret', async () => {
    const gcs = await startFakeGcs({ recording: 'acid-orders', hmac: HMAC });
    const wrong = 'pghaWrongHmacSecret+0123456789/abcdefghijk';
    try {
      const result = await readWalgBackups(
        location,
        gcsStore(gcs.url, wrong),
        5000,
      );
      expect(result.error).toBe(
        "WAL-G store gs://pg-backups/spilo/acid-orders (postgresHa.objectStores 'gcs-backups') could not be read: SignatureDoesNotMatch (HTTP 403): check accessKeyId and secretAccessKey (the HMAC key) of that entry and that they may list and read objects of the bucket (HMAC key of a service account with roles/storage.objectViewer)",
      );
      expect(JSON.stringify(result)).not.toContain(wrong);
      expect(result.base).toEqual([]);
    } finally {
      await gcs.close();
    }
  });

  it('says the bucket was not found at the endpoint when GCS answers NoSuchBucket', async () => {
    const gcs = await startFakeGcs({ recording: 'acid-orders', hmac: HMAC });
    try {
      const stores = gcsStore(gcs.url).map(s => ({ ...s, bucket: 'pg-old' }));
      const result = await readWalgBackups(
        { ...location, bucket: 'pg-old', url: 'gs://pg-old/spilo/acid-orders' },
        stores,
        5000,
      );
      expect(result.error).toBe(
        `WAL-G store gs://pg-old/spilo/acid-orders (postgresHa.objectStores 'gcs-backups') could not be read: NoSuchBucket (HTTP 404): bucket 'pg-old' was not found at ${gcs.url}; check bucket and endpoint of that entry`,
      );
    } finally {
      await gcs.close();
    }
  });

  it('says which provider and keys to configure when only an S3 entry names the bucket, without contacting the store', async () => {
    const result = await readWalgBackups(
      location,
      configuredStores({
        name: 'minio',
        bucket: 'pg-backups',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'x',
      }),
      5000,
    );
    expect(result.error).toBe(
      "No credentials for WAL-G store gs://pg-backups/spilo/acid-orders: add an entry to postgresHa.objectStores with bucket: pg-backups (provider: gcs, name, and serviceAccountKey (the JSON key) or accessKeyId and secretAccessKey of an HMAC key, of a service account that may read the bucket) ('minio' names this bucket for provider s3)",
    );
  });
});
