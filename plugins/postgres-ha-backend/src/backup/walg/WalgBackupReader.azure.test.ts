import { closedPortUrl } from '../../__testUtils__/closedPort';
import { startFakeAzureBlob } from '../../__testUtils__/fakeAzureBlob';
import {
  ACID_ORDERS_BACKUPS,
  acidOrdersLocation,
  configuredStores,
  OLD_SENTINEL_METADATA,
} from '../../__testUtils__/walgArchiveExpectations';
import { readWalgBackups } from './WalgBackupReader';

const ACCOUNT = 'pghabackups';
const KEY = Buffer.from(
  'pgha test storage account key, 64 bytes long........',
).toString('base64');
const WRONG_KEY = Buffer.from(
  'another key the account never issued..',
).toString('base64');
const future = new Date(Date.now() + 3600_000).toISOString().slice(0, 19);
const SAS = `sv=2021-08-06&ss=b&srt=co&sp=rl&se=${future}Z&st=2026-01-01T00:00:00Z&spr=https,http&sig=${encodeURIComponent(
  'k7Pq2m9Xv3bT8wYzA1cD4eF5gH6iJ7kL8mN9oP0qR1s=',
)}`;
const location = acidOrdersLocation('WALG_AZ_PREFIX', 'azure');

const azureStore = (endpoint: string, auth: Record<string, string>) =>
  configuredStores({
    name: 'azure-backups',
    provider: 'azure',
    bucket: 'pg-backups',
    endpoint,
    accountName: ACCOUNT,
    ...auth,
  });

const readAzure = (endpoint: string, auth: Record<string, string>) =>
  readWalgBackups(location, azureStore(endpoint, auth), 5000);

async function withAzure<T>(
  run: (azure: Awaited<ReturnType<typeof startFakeAzureBlob>>) => Promise<T>,
) {
  const azure = await startFakeAzureBlob({
    recording: 'acid-orders',
    account: ACCOUNT,
    accountKey: KEY,
    sasToken: SAS,
    pageSize: 2,
  });
  try {
    return await run(azure);
  } finally {
    await azure.close();
  }
}

const prefix =
  "WAL-G store azure://pg-backups/spilo/acid-orders (postgresHa.objectStores 'azure-backups') could not be read:";

describe('WAL-G backups in Azure Blob Storage (recorded Azure Blob REST responses)', () => {
  it('lists both sentinel formats newest first and the same window as S3, paging List Blobs by NextMarker with Shared Key signatures the service recomputes', () =>
    withAzure(async azure => {
      const result = await readAzure(azure.url, { accountKey: KEY });
      expect(result).toEqual(ACID_ORDERS_BACKUPS);
      expect(
        azure.requests.every(
          r =>
            r.authorization?.startsWith(`SharedKey ${ACCOUNT}:`) &&
            r.headers['x-ms-version'] === '2021-08-06' &&
            r.headers['x-ms-date']?.toString().endsWith(' GMT'),
        ),
      ).toBe(true);
      const lists = azure.requests.filter(r => r.query.get('comp') === 'list');
      expect(lists.every(r => r.path === `/${ACCOUNT}/pg-backups`)).toBe(true);
      // The marker is base64 (+, /, =) and is signed decoded, as the service canonicalizes it.
      expect(lists.filter(r => r.query.has('marker')).length).toBeGreaterThan(
        2,
      );
      expect(
        azure.requests
          .filter(r => r.path.endsWith('/metadata.json'))
          .map(r => r.path),
      ).toEqual([`/${ACCOUNT}/pg-backups/${OLD_SENTINEL_METADATA}`]);
    }));

  it('reads the same archive with a SAS token (leading ? accepted), sending no Authorization header', () =>
    withAzure(async azure => {
      const result = await readWalgBackups(
        location,
        azureStore(azure.url, { sasToken: `?${SAS}` }),
        5000,
      );
      expect(result).toEqual(ACID_ORDERS_BACKUPS);
      expect(azure.requests.every(r => r.authorization === undefined)).toBe(
        true,
      );
      expect(azure.requests.every(r => r.query.get('sp') === 'rl')).toBe(true);
    }));

  it('answers a wrong account key with the refused AuthenticationFailed and what to check, never the key', () =>
    withAzure(async azure => {
      const result = await readAzure(azure.url, { accountKey: WRONG_KEY });
      expect(result.error).toBe(
        `${prefix} AuthenticationFailed (HTTP 403): check accountName and accountKey of that entry and that they may list and read blobs of container pg-backups (a SAS needs sp=rl)`,
      );
      expect(JSON.stringify(result)).not.toContain(WRONG_KEY);
      expect(result.base).toEqual([]);
    }));

  it('names the sasToken when the service refuses an expired SAS, never the token', () =>
    withAzure(async azure => {
      const expired = SAS.replace(/se=[^&]+/, 'se=2026-01-02T00:00:00Z');
      const result = await readAzure(azure.url, { sasToken: expired });
      expect(result.error).toBe(
        `${prefix} AuthenticationFailed (HTTP 403): check sasToken (not expired, signed for this account) and accountName of that entry and that they may list and read blobs of container pg-backups (a SAS needs sp=rl)`,
      );
      expect(JSON.stringify(result)).not.toContain('sig=');
    }));

  it('says the container was not found at the account endpoint when the service answers ContainerNotFound', () =>
    withAzure(async azure => {
      const result = await readWalgBackups(
        {
          ...location,
          bucket: 'pg-old',
          url: 'azure://pg-old/spilo/acid-orders',
        },
        azureStore(azure.url, { accountKey: KEY }).map(s => ({
          ...s,
          bucket: 'pg-old',
        })),
        5000,
      );
      expect(result.error).toBe(
        `WAL-G store azure://pg-old/spilo/acid-orders (postgresHa.objectStores 'azure-backups') could not be read: ContainerNotFound (HTTP 404): container 'pg-old' was not found at ${azure.url}; check bucket and endpoint of that entry`,
      );
    }));

  it('says which key is missing, without contacting the store, and names an unreachable endpoint', async () => {
    const missing = await readAzure('http://127.0.0.1:9/none', {});
    expect(missing.error).toBe(
      "postgresHa.objectStores 'azure-backups' (bucket pg-backups) needs accountKey or sasToken to read the WAL-G store",
    );
    const endpoint = `${await closedPortUrl()}/${ACCOUNT}`;
    const unreachable = await readAzure(endpoint, { accountKey: KEY });
    expect(unreachable.error).toBe(
      `${prefix} cannot reach ${endpoint} (ECONNREFUSED); check endpoint of that entry and the network`,
    );
  });
});
