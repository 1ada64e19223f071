import type { ObjectStoreConfig } from '../../config/readConfig';
import type { ServiceAccountKey } from './gcsServiceAccount';
import type { WalgLocation } from './walgStore';

/** An S3 or GCS (XML API, HMAC key) store with its key pair. */
export type KeyPairStore = ObjectStoreConfig & {
  provider: 's3' | 'gcs';
  accessKeyId: string;
  secretAccessKey: string;
};

/** An Azure container with its account and a Shared Key or a SAS. */
export type AzureStore = ObjectStoreConfig & {
  provider: 'azure';
  accountName: string;
  endpoint: string;
  auth: { accountKey: string } | { sasToken: string };
};

/** A GCS bucket read through the JSON API with a service-account key. */
export type ServiceAccountStore = ObjectStoreConfig & {
  provider: 'gcs';
  endpoint: string;
  serviceAccountKey: ServiceAccountKey;
};

export type ReadableStore = KeyPairStore | AzureStore | ServiceAccountStore;

export const usesServiceAccount = (
  store: ReadableStore,
): store is ServiceAccountStore =>
  store.provider === 'gcs' && Boolean(store.serviceAccountKey);

/** The keys an entry needs, per provider, for the "add an entry" message. */
const ENTRY_KEYS = {
  s3: 'name, region, accessKeyId, secretAccessKey; endpoint and forcePathStyle for S3-compatible stores',
  gcs: 'provider: gcs, name, and serviceAccountKey (the JSON key) or accessKeyId and secretAccessKey of an HMAC key, of a service account that may read the bucket',
  azure:
    'provider: azure, name, accountName, and accountKey or a sasToken with read and list permissions; bucket is the container',
};

/** The entry with its credentials, or the key it still lacks. */
function withCredentials(store: ObjectStoreConfig): ReadableStore | string {
  const { provider, accessKeyId, secretAccessKey, accountName } = store;
  const { endpoint, serviceAccountKey } = store;
  if (provider === 'gcs' && serviceAccountKey && endpoint) {
    return { ...store, provider, endpoint, serviceAccountKey };
  }
  if (provider !== 'azure') {
    if (!accessKeyId) return 'accessKeyId';
    if (!secretAccessKey) return 'secretAccessKey';
    return { ...store, provider, accessKeyId, secretAccessKey };
  }
  if (!accountName) return 'accountName';
  const auth =
    (store.accountKey && { accountKey: store.accountKey }) ||
    (store.sasToken && { sasToken: store.sasToken });
  if (!auth) return 'accountKey or sasToken';
  return {
    ...store,
    provider,
    accountName,
    endpoint: store.endpoint ?? `https://${accountName}.blob.core.windows.net`,
    auth,
  };
}

/** The configured store with credentials for this archive, or why there is none. */
export function storeFor(
  location: WalgLocation,
  stores: ObjectStoreConfig[],
): string | ReadableStore {
  const { provider, bucket, url } = location;
  const store = stores.find(
    s => s.provider === provider && s.bucket === bucket,
  );
  if (!store) {
    const other = stores.find(s => s.bucket === bucket);
    const hint = other
      ? ` ('${other.name}' names this bucket for provider ${other.provider})`
      : '';
    return `No credentials for WAL-G store ${url}: add an entry to postgresHa.objectStores with bucket: ${
      location.secret ? '<the bucket of that Secret value>' : bucket
    } (${ENTRY_KEYS[provider]})${hint}`;
  }
  const found = withCredentials(store);
  return typeof found === 'string'
    ? `postgresHa.objectStores '${store.name}' (bucket ${bucket}) needs ${found} to read the WAL-G store`
    : found;
}
