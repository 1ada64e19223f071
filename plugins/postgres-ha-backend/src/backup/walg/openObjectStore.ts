import { AzureBlobStore } from './AzureBlobStore';
import { S3Store } from './S3Store';
import type { ReadableStore } from './storeCredentials';
import type { WalgObjectStore } from './WalgObjectStore';

/** The client for a store's provider; GCS is read through its S3-compatible XML API. */
export function openObjectStore(
  store: ReadableStore,
  timeoutMs: number,
): WalgObjectStore {
  return store.provider === 'azure'
    ? AzureBlobStore.create({ store, timeoutMs })
    : S3Store.create({ store, timeoutMs });
}
