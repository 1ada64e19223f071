import { generateKeyPairSync } from 'node:crypto';
import { closedPortUrl } from '../../__testUtils__/closedPort';
import { startFakeGcsServer } from '../../__testUtils__/fakeGcsServer';
import {
  NEWEST_WAL,
  writeRecordedArchive,
} from '../../__testUtils__/recordedArchive';
import {
  acidOrdersLocation,
  configuredStores,
  pagedListings,
  RECORDED_PAGED_LISTINGS,
  writtenArchiveBackups,
} from '../../__testUtils__/walgArchiveExpectations';
import { GcsJsonStore } from './GcsJsonStore';
import { ServiceAccountStore, storeFor } from './storeCredentials';
import { StoreHttpError } from './storeErrors';
import { readWalgBackups } from './WalgBackupReader';

const EMAIL = 'walg-reader@pgha-test.iam.gserviceaccount.com';
const location = acidOrdersLocation('WALG_GS_PREFIX', 'gs');

/** A key file as IAM issues it (fields the reader ignores included). */
const keyFile = JSON.stringify({
  type: 'service_account',
  project_id: 'pgha-test',
  private_key_id: '8c1f0e2d4b6a39587e1d2c3b4a5f6e7d8c9b0a1f',
  private_key: generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey,
  client_email: EMAIL,
  client_id: '104329871234567890123',
  token_uri: 'https://oauth2.example/token',
});

let gcs: Awaited<ReturnType<typeof startFakeGcsServer>>;
let newestWalModified: Date;

beforeAll(async () => {
  gcs = await startFakeGcsServer();
  const [bucket] = await gcs.storage.createBucket('pg-backups');
  await writeRecordedArchive((key, body) =>
    bucket.file(key).save(body, { resumable: false }),
  );
  const [metadata] = await bucket.file(NEWEST_WAL).getMetadata();
  newestWalModified = new Date(metadata.updated!);
}, 60_000);
afterAll(() => gcs?.stop());

const gcsStores = (endpoint: string, bucket = 'pg-backups') =>
  configuredStores({
    name: 'gcs-json',
    provider: 'gcs',
    bucket,
    endpoint,
    serviceAccountKey: keyFile,
  });

const prefix =
  "WAL-G store gs://pg-backups/spilo/acid-orders (postgresHa.objectStores 'gcs-json') could not be read:";

describe('WAL-G backups in Google Cloud Storage with a service-account key (recorded WAL-G archive written into fake-gcs-server, which checks no credentials)', () => {
  it('lists both sentinel formats newest first and the recovery window through the JSON API', async () => {
    expect(await readWalgBackups(location, gcsStores(gcs.url), 5000)).toEqual(
      writtenArchiveBackups(newestWalModified),
    );
  });

  it('pages objects list by nextPageToken from startOffset: two objects a page give the same listing', async () => {
    const listings = await pagedListings(pageSize =>
      GcsJsonStore.create({
        store: storeFor(location, gcsStores(gcs.url)) as ServiceAccountStore,
        timeoutMs: 5000,
        pageSize,
      }),
    );
    expect(listings).toEqual(RECORDED_PAGED_LISTINGS);
  });

  it('says the bucket was not found at the endpoint when the API answers 404', async () => {
    const result = await readWalgBackups(
      { ...location, bucket: 'pg-old', url: 'gs://pg-old/spilo/acid-orders' },
      gcsStores(gcs.url, 'pg-old'),
      5000,
    );
    expect(result.error).toMatch(
      new RegExp(
        `^WAL-G store gs://pg-old/spilo/acid-orders \\(postgresHa.objectStores 'gcs-json'\\) could not be read: .* \\(HTTP 404\\): bucket 'pg-old' was not found at ${gcs.url}; check bucket and endpoint of that entry$`,
      ),
    );
  });

  it('names an unreachable endpoint, never the key', async () => {
    const closed = await closedPortUrl();
    const result = await readWalgBackups(location, gcsStores(closed), 5000);
    expect(result.error).toBe(
      `${prefix} cannot reach ${closed} (ECONNREFUSED); check endpoint of that entry and the network`,
    );
    expect(JSON.stringify(result)).not.toMatch(/PRIVATE KEY/);
  });

  it('asks for roles/storage.objectViewer on the bucket for a 403 (fake-gcs-server cannot be made to refuse)', () => {
    const store = GcsJsonStore.create({
      store: storeFor(location, gcsStores(gcs.url)) as ServiceAccountStore,
      timeoutMs: 5000,
    });
    expect(store.describeError(new StoreHttpError(403, 'forbidden'))).toBe(
      `forbidden (HTTP 403): grant roles/storage.objectViewer on bucket 'pg-backups' to ${EMAIL} (serviceAccountKey of that entry)`,
    );
  });
});
