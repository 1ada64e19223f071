import { generateKeyPairSync } from 'node:crypto';
import { closedPortUrl } from '../../__testUtils__/closedPort';
import { startFakeGcsJson } from '../../__testUtils__/fakeGcsJson';
import {
  ACID_ORDERS_BACKUPS,
  acidOrdersLocation,
  configuredStores,
  OLD_SENTINEL_METADATA,
} from '../../__testUtils__/walgArchiveExpectations';
import { readWalgBackups } from './WalgBackupReader';

const EMAIL = 'walg-reader@pgha-test.iam.gserviceaccount.com';
const pem = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const ACCOUNT = pem();
const location = acidOrdersLocation('WALG_GS_PREFIX', 'gs');

/** A key file as IAM issues it (fields the reader ignores included). */
const keyFile = (tokenUri: string, privateKey = ACCOUNT.privateKey) =>
  JSON.stringify({
    type: 'service_account',
    project_id: 'pgha-test',
    private_key_id: '8c1f0e2d4b6a39587e1d2c3b4a5f6e7d8c9b0a1f',
    private_key: privateKey,
    client_email: EMAIL,
    client_id: '104329871234567890123',
    token_uri: tokenUri,
  });

type FakeGcsJson = Awaited<ReturnType<typeof startFakeGcsJson>>;

async function withGcs<T>(
  run: (
    gcs: FakeGcsJson,
    read: (key?: string) => ReturnType<typeof readWalgBackups>,
  ) => Promise<T>,
  options: { forbidden?: boolean } = {},
) {
  const gcs = await startFakeGcsJson({
    recording: 'acid-orders',
    clientEmail: EMAIL,
    publicKey: ACCOUNT.publicKey as never,
    pageSize: 2,
    ...options,
  });
  const read = (key = keyFile(gcs.tokenUri)) =>
    readWalgBackups(
      location,
      configuredStores({
        name: 'gcs-json',
        provider: 'gcs',
        bucket: 'pg-backups',
        endpoint: gcs.url,
        serviceAccountKey: key,
      }),
      5000,
    );
  try {
    return await run(gcs, read);
  } finally {
    await gcs.close();
  }
}

const prefix =
  "WAL-G store gs://pg-backups/spilo/acid-orders (postgresHa.objectStores 'gcs-json') could not be read:";

describe('WAL-G backups in Google Cloud Storage with a service-account key (recorded GCS JSON API and OAuth token responses)', () => {
  it('lists both sentinel formats newest first and the same window as the other providers, paging objects list by nextPageToken with one verified token', () =>
    withGcs(async (gcs, read) => {
      expect(await read()).toEqual(ACID_ORDERS_BACKUPS);
      expect(gcs.issued()).toBe(1);
      expect(
        gcs.requests.every(
          r => r.authorization === 'Bearer ya29.c.pgha-test-token-1',
        ),
      ).toBe(true);
      const lists = gcs.requests.filter(
        r => r.path === '/storage/v1/b/pg-backups/o',
      );
      expect(lists.every(r => r.query.get('delimiter') === '/')).toBe(true);
      expect(
        lists.filter(r => r.query.has('pageToken')).length,
      ).toBeGreaterThan(0);
      expect(
        lists.filter(r => r.query.has('startOffset')).length,
      ).toBeGreaterThan(0);
      const reads = gcs.requests.filter(r => r.query.get('alt') === 'media');
      expect(reads.every(r => r.path.includes('%2F'))).toBe(true);
      const metadata = reads.filter(r => r.path.endsWith('metadata.json'));
      expect(metadata.map(r => r.path)).toEqual([
        `/storage/v1/b/pg-backups/o/${encodeURIComponent(
          OLD_SENTINEL_METADATA,
        )}`,
      ]);
    }));

  it('shares one token between concurrent and later reads, and asks for a new one once it has expired', () =>
    withGcs(async (gcs, read) => {
      const [first, second] = await Promise.all([read(), read()]);
      expect([first, second]).toEqual([
        ACID_ORDERS_BACKUPS,
        ACID_ORDERS_BACKUPS,
      ]);
      expect(await read()).toEqual(ACID_ORDERS_BACKUPS);
      expect(gcs.issued()).toBe(1);
      // An hour on, the fake refuses the first token too, so only a new one reads.
      const later = Date.now() + 3600_000;
      const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
      try {
        expect(await read()).toEqual(ACID_ORDERS_BACKUPS);
      } finally {
        clock.mockRestore();
      }
      expect(gcs.issued()).toBe(2);
      expect(
        gcs.requests.some(r => r.headers.authorization?.endsWith('-2')),
      ).toBe(true);
      expect(
        gcs.requests.every(r => r.headers.authorization !== undefined),
      ).toBe(true);
    }));

  it('replaces a token the API refuses with 401 once, and reads on', () =>
    withGcs(async (gcs, read) => {
      expect(await read()).toEqual(ACID_ORDERS_BACKUPS);
      gcs.revokeAll();
      expect(await read()).toEqual(ACID_ORDERS_BACKUPS);
      expect(gcs.issued()).toBe(2);
    }));

  it('names the key file’s token_uri when it cannot be reached, without the key', () =>
    withGcs(async (_gcs, read) => {
      const tokenUri = `${await closedPortUrl()}/token`;
      const result = await read(keyFile(tokenUri));
      expect(result.error).toBe(
        `${prefix} token endpoint of the key: cannot reach ${tokenUri} (ECONNREFUSED); check token_uri of serviceAccountKey and the network`,
      );
    }));

  it('says the key was rejected when the token endpoint answers invalid_grant, never the key, without calling the API', () =>
    withGcs(async (gcs, read) => {
      const other = pem().privateKey;
      const result = await read(keyFile(gcs.tokenUri, other));
      expect(result.error).toBe(
        `${prefix} service-account key rejected by its token endpoint: invalid_grant (HTTP 400); check serviceAccountKey of that entry (a current key of ${EMAIL}, not deleted or disabled)`,
      );
      expect(JSON.stringify(result)).not.toMatch(/PRIVATE KEY|ya29/);
      expect(gcs.requests).toEqual([]);
    }));

  it('asks for roles/storage.objectViewer on the bucket when the API answers 403', () =>
    withGcs(
      async (_gcs, read) => {
        const result = await read();
        expect(result.error).toBe(
          `${prefix} forbidden (HTTP 403): grant roles/storage.objectViewer on bucket 'pg-backups' to ${EMAIL} (serviceAccountKey of that entry)`,
        );
        expect(result.error).not.toContain('ya29');
      },
      { forbidden: true },
    ));

  it('says the bucket was not found at the endpoint when the API answers notFound', () =>
    withGcs(async gcs => {
      const result = await readWalgBackups(
        { ...location, bucket: 'pg-old', url: 'gs://pg-old/spilo/acid-orders' },
        configuredStores({
          name: 'gcs-json',
          provider: 'gcs',
          bucket: 'pg-old',
          endpoint: gcs.url,
          serviceAccountKey: keyFile(gcs.tokenUri),
        }),
        5000,
      );
      expect(result.error).toBe(
        `WAL-G store gs://pg-old/spilo/acid-orders (postgresHa.objectStores 'gcs-json') could not be read: notFound (HTTP 404): bucket 'pg-old' was not found at ${gcs.url}; check bucket and endpoint of that entry`,
      );
    }));
});
