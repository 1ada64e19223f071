import { AzureBlobStore } from './AzureBlobStore';
import { GcsJsonStore } from './GcsJsonStore';
import { S3Store } from './S3Store';
import { ReadableStore, usesServiceAccount } from './storeCredentials';
import type { WalgObjectStore } from './WalgObjectStore';

/** The client for a store's provider; GCS with an HMAC key through its S3-compatible XML API, with a service-account key through the JSON API. */
export function openObjectStore(
  store: ReadableStore,
  timeoutMs: number,
): WalgObjectStore {
  if (store.provider === 'azure') {
    return AzureBlobStore.create({ store, timeoutMs });
  }
  return usesServiceAccount(store)
    ? GcsJsonStore.create({ store, timeoutMs })
    : S3Store.create({ store, timeoutMs });
}
