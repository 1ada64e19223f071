import { ApiError, Bucket, Storage } from '@google-cloud/storage';
import type { ServiceAccountStore } from './storeCredentials';
import { describeStoreError, StoreHints, StoreHttpError } from './storeErrors';
import { readPages, StoredObject, WalgObjectStore } from './WalgObjectStore';

/**
 * Reads one GCS bucket through the JSON API with `@google-cloud/storage`, authorized
 * with a service-account key from backend configuration (Google's auth library trades
 * it for read-only access tokens and renews them).
 */
export class GcsJsonStore implements WalgObjectStore {
  readonly #bucket: Bucket;
  readonly #clientEmail: string;
  readonly #pageSize?: number;
  readonly #hints: StoreHints;

  /** `pageSize`: objects per list page (default the API's, 1000). */
  static create(options: {
    store: ServiceAccountStore;
    timeoutMs: number;
    pageSize?: number;
  }) {
    return new GcsJsonStore(options.store, options.timeoutMs, options.pageSize);
  }

  private constructor(
    store: ServiceAccountStore,
    timeoutMs: number,
    pageSize?: number,
  ) {
    const { clientEmail, privateKey } = store.serviceAccountKey;
    this.#bucket = new Storage({
      // Only this key, never the environment's default credentials.
      credentials: { client_email: clientEmail, private_key: privateKey },
      scopes: ['https://www.googleapis.com/auth/devstorage.read_only'],
      apiEndpoint: store.endpoint,
      timeout: timeoutMs,
      retryOptions: { autoRetry: false },
    }).bucket(store.bucket);
    this.#clientEmail = clientEmail;
    this.#pageSize = pageSize;
    this.#hints = {
      credentials: 'serviceAccountKey',
      grants:
        'list and read objects of the bucket (roles/storage.objectViewer)',
      container: 'bucket',
      bucket: store.bucket,
      endpoint: store.endpoint,
    };
  }

  /** startOffset is inclusive, so startAfter itself is dropped. */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]> {
    return readPages(async pageToken => {
      const [files, next] = await this.#call(() =>
        this.#bucket.getFiles({
          prefix,
          delimiter: '/',
          startOffset: startAfter,
          pageToken,
          maxResults: this.#pageSize,
          autoPaginate: false,
        }),
      );
      return {
        objects: files.map(file => ({
          key: file.name,
          lastModified: file.metadata.updated
            ? new Date(file.metadata.updated)
            : undefined,
        })),
        next: (next as { pageToken?: string } | null)?.pageToken,
      };
    }, startAfter);
  }

  async getJson(key: string): Promise<unknown> {
    try {
      const [body] = await this.#call(() => this.#bucket.file(key).download());
      return JSON.parse(body.toString('utf8'));
    } catch (error) {
      if (error instanceof StoreHttpError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  describeError(error: unknown): string {
    if (error instanceof StoreHttpError && error.status === 403) {
      return `${error.message}: grant roles/storage.objectViewer on bucket '${
        this.#hints.bucket
      }' to ${this.#clientEmail} (serviceAccountKey of that entry)`;
    }
    return describeStoreError(error, this.#hints);
  }

  destroy() {}

  /** Runs a request; an error answer of the API becomes StoreHttpError with its reason. */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof ApiError && typeof error.code === 'number') {
        const reason = error.errors?.[0]?.reason;
        throw new StoreHttpError(error.code, reason || error.message);
      }
      throw error;
    }
  }
}
