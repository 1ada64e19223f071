import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  BlobServiceClient,
  generateAccountSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { startAzurite } from '../../__testUtils__/azurite';
import { closedPortUrl } from '../../__testUtils__/closedPort';
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
import { AzureBlobStore } from './AzureBlobStore';
import { AzureStore, storeFor } from './storeCredentials';
import { readWalgBackups } from './WalgBackupReader';

const ACCOUNT = 'pghabackups';
const KEY = Buffer.from(
  'pgha test storage account key, 64 bytes long........',
).toString('base64');
const WRONG_KEY = Buffer.from(
  'another key the account never issued..',
).toString('base64');
const location = acidOrdersLocation('WALG_AZ_PREFIX', 'azure');

let azurite: Awaited<ReturnType<typeof startAzurite>>;
let endpoint: string;
let newestWalModified: Date;
const sharedKey = new StorageSharedKeyCredential(ACCOUNT, KEY);

/** A SAS for the account signed with its key, read and list only, expiring at `expiresOn`. */
const sas = (expiresOn: Date) =>
  generateAccountSASQueryParameters(
    {
      expiresOn,
      startsOn: new Date(Date.now() - 3600_000),
      permissions: AccountSASPermissions.parse('rl'),
      services: AccountSASServices.parse('b').toString(),
      resourceTypes: AccountSASResourceTypes.parse('co').toString(),
    },
    sharedKey,
  ).toString();

beforeAll(async () => {
  azurite = await startAzurite({ [ACCOUNT]: KEY });
  endpoint = azurite.endpoint(ACCOUNT);
  const container = new BlobServiceClient(
    endpoint,
    sharedKey,
  ).getContainerClient('pg-backups');
  await container.create();
  await writeRecordedArchive((key, body) =>
    container.getBlockBlobClient(key).upload(body, Buffer.byteLength(body)),
  );
  const newest = await container.getBlobClient(NEWEST_WAL).getProperties();
  newestWalModified = newest.lastModified!;
}, 60_000);
afterAll(() => azurite?.stop());

const azureStores = (auth: Record<string, string>, bucket = 'pg-backups') =>
  configuredStores({
    name: 'azure-backups',
    provider: 'azure',
    bucket,
    endpoint,
    accountName: ACCOUNT,
    ...auth,
  });

const readAzure = (auth: Record<string, string>) =>
  readWalgBackups(location, azureStores(auth), 5000);

const prefix =
  "WAL-G store azure://pg-backups/spilo/acid-orders (postgresHa.objectStores 'azure-backups') could not be read:";

describe('WAL-G backups in Azure Blob Storage (recorded WAL-G archive written into Azurite)', () => {
  it('lists both sentinel formats newest first and the recovery window, with the Shared Key', async () => {
    expect(await readAzure({ accountKey: KEY })).toEqual(
      writtenArchiveBackups(newestWalModified),
    );
  });

  it('pages List Blobs by continuation token: two entries a page give the same listing', async () => {
    const store = storeFor(location, azureStores({ accountKey: KEY }));
    const listings = await pagedListings(pageSize =>
      AzureBlobStore.create({
        store: store as AzureStore,
        timeoutMs: 5000,
        pageSize,
      }),
    );
    expect(listings).toEqual(RECORDED_PAGED_LISTINGS);
  });

  it('reads the same archive with a SAS token (leading ? accepted)', async () => {
    const token = sas(new Date(Date.now() + 3600_000));
    expect(await readAzure({ sasToken: `?${token}` })).toEqual(
      writtenArchiveBackups(newestWalModified),
    );
  });

  it('answers a wrong account key with the service error code and what to check, never the key', async () => {
    const result = await readAzure({ accountKey: WRONG_KEY });
    expect(result.error).toBe(
      `${prefix} AuthorizationFailure (HTTP 403): check accountName and accountKey of that entry and that they may list and read blobs of container pg-backups (a SAS needs sp=rl)`,
    );
    expect(JSON.stringify(result)).not.toContain(WRONG_KEY);
    expect(result.base).toEqual([]);
  });

  it('names the sasToken when the service refuses an expired SAS, never the token', async () => {
    const result = await readAzure({
      sasToken: sas(new Date(Date.now() - 60_000)),
    });
    expect(result.error).toBe(
      `${prefix} AuthorizationFailure (HTTP 403): check sasToken (not expired, signed for this account) and accountName of that entry and that they may list and read blobs of container pg-backups (a SAS needs sp=rl)`,
    );
    expect(JSON.stringify(result)).not.toContain('sig=');
  });

  it('says the container was not found at the account endpoint when the service answers ContainerNotFound', async () => {
    const result = await readWalgBackups(
      {
        ...location,
        bucket: 'pg-old',
        url: 'azure://pg-old/spilo/acid-orders',
      },
      azureStores({ accountKey: KEY }, 'pg-old'),
      5000,
    );
    expect(result.error).toBe(
      `WAL-G store azure://pg-old/spilo/acid-orders (postgresHa.objectStores 'azure-backups') could not be read: ContainerNotFound (HTTP 404): container 'pg-old' was not found at ${endpoint}; check bucket and endpoint of that entry`,
    );
  });

  it('says which key is missing, without contacting the store, and names an unreachable endpoint', async () => {
    const missing = await readWalgBackups(
      location,
      configuredStores({
        name: 'azure-backups',
        provider: 'azure',
        bucket: 'pg-backups',
        accountName: ACCOUNT,
      }),
      5000,
    );
    expect(missing.error).toBe(
      "postgresHa.objectStores 'azure-backups' (bucket pg-backups) needs accountKey or sasToken to read the WAL-G store",
    );
    const closed = `${await closedPortUrl()}/${ACCOUNT}`;
    const unreachable = await readWalgBackups(
      location,
      configuredStores({
        name: 'azure-backups',
        provider: 'azure',
        bucket: 'pg-backups',
        endpoint: closed,
        accountName: ACCOUNT,
        accountKey: KEY,
      }),
      5000,
    );
    expect(unreachable.error).toBe(
      `${prefix} cannot reach ${closed} (ECONNREFUSED); check endpoint of that entry and the network`,
    );
  });
});
