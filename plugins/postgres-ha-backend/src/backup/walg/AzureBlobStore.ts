import { XMLParser } from 'fast-xml-parser';
import { sharedKeyAuthorization } from './azureSharedKey';
import type { AzureStore } from './storeCredentials';
import { describeStoreError, StoreHints, StoreHttpError } from './storeErrors';
import { readPages, StoredObject, WalgObjectStore } from './WalgObjectStore';

/** Blob service REST version sent as x-ms-version. */
const API_VERSION = '2021-08-06';

const BLOB_LISTS = new Set([
  'EnumerationResults.Blobs.Blob',
  'EnumerationResults.Blobs.BlobPrefix',
]);
// Names stay strings (a key could look like a number); lists stay lists with one entry.
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (_name, path) => BLOB_LISTS.has(String(path)),
});

interface EnumerationResults {
  Blobs?: {
    Blob?: { Name: string; Properties?: { 'Last-Modified'?: string } }[];
  };
  NextMarker?: string;
}

const encodeKey = (key: string) =>
  key.split('/').map(encodeURIComponent).join('/');

/**
 * Reads one Azure Blob container with List Blobs and Get Blob, authorized with
 * the account's Shared Key or a SAS token from backend configuration.
 */
export class AzureBlobStore implements WalgObjectStore {
  readonly #store: AzureStore;
  readonly #timeoutMs: number;
  readonly #hints: StoreHints;

  static create(options: { store: AzureStore; timeoutMs: number }) {
    return new AzureBlobStore(options.store, options.timeoutMs);
  }

  private constructor(store: AzureStore, timeoutMs: number) {
    this.#store = store;
    this.#timeoutMs = timeoutMs;
    this.#hints = {
      credentials:
        'accountKey' in store.auth
          ? 'accountName and accountKey'
          : 'sasToken (not expired, signed for this account) and accountName',
      grants: `list and read blobs of container ${store.bucket} (a SAS needs sp=rl)`,
      container: 'container',
      bucket: store.bucket,
      endpoint: store.endpoint,
    };
  }

  /** Azure has no start-after: pages from the prefix and drops keys up to startAfter here. */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]> {
    return readPages(async marker => {
      const answer = await this.#get(this.#store.bucket, {
        restype: 'container',
        comp: 'list',
        prefix,
        delimiter: '/',
        marker,
      });
      const results = parser.parse(await answer.text()).EnumerationResults as
        | EnumerationResults
        | undefined;
      return {
        objects: (results?.Blobs?.Blob ?? []).map(blob => {
          const modified = blob.Properties?.['Last-Modified'];
          return {
            key: blob.Name,
            lastModified: modified ? new Date(modified) : undefined,
          };
        }),
        next: results?.NextMarker,
      };
    }, startAfter);
  }

  async getJson(key: string): Promise<unknown> {
    try {
      const answer = await this.#get(`${this.#store.bucket}/${encodeKey(key)}`);
      return JSON.parse(await answer.text());
    } catch (error) {
      if (error instanceof StoreHttpError && error.code === 'BlobNotFound') {
        return undefined;
      }
      throw error;
    }
  }

  describeError(error: unknown): string {
    return describeStoreError(error, this.#hints);
  }

  destroy() {}

  /** GET `<endpoint>/<path>?<query>`, signed, throwing StoreHttpError with x-ms-error-code. */
  async #get(
    path: string,
    query: Record<string, string | undefined> = {},
  ): Promise<Response> {
    const { auth, accountName, endpoint } = this.#store;
    const params = Object.entries(query)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
    if ('sasToken' in auth) params.push(auth.sasToken);
    const url = new URL(
      `${endpoint}/${path}${params.length ? `?${params.join('&')}` : ''}`,
    );
    const headers: Record<string, string> = {
      'x-ms-date': new Date().toUTCString(),
      'x-ms-version': API_VERSION,
    };
    if ('accountKey' in auth) {
      headers.authorization = sharedKeyAuthorization(
        accountName,
        auth.accountKey,
        { method: 'GET', url, headers },
      );
    }
    const answer = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (!answer.ok) {
      await answer.body?.cancel();
      throw new StoreHttpError(
        answer.status,
        answer.headers.get('x-ms-error-code') ?? answer.statusText,
      );
    }
    return answer;
  }
}
