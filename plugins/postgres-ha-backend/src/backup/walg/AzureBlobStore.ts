import {
  AnonymousCredential,
  BlobServiceClient,
  ContainerClient,
  ContainerListBlobHierarchySegmentResponse,
  RestError,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { AzureStore } from './storeCredentials';
import { describeStoreError, StoreHints, StoreHttpError } from './storeErrors';
import { readPages, StoredObject, WalgObjectStore } from './WalgObjectStore';

/**
 * Reads one Azure Blob container with `@azure/storage-blob` (List Blobs by
 * hierarchy, Get Blob), authorized with the account's Shared Key or a SAS token
 * from backend configuration.
 */
export class AzureBlobStore implements WalgObjectStore {
  readonly #container: ContainerClient;
  readonly #timeoutMs: number;
  readonly #pageSize?: number;
  readonly #hints: StoreHints;

  /** `pageSize`: entries per List Blobs page (default the service's, 5000). */
  static create(options: {
    store: AzureStore;
    timeoutMs: number;
    pageSize?: number;
  }) {
    return new AzureBlobStore(
      options.store,
      options.timeoutMs,
      options.pageSize,
    );
  }

  private constructor(store: AzureStore, timeoutMs: number, pageSize?: number) {
    const { auth, accountName, endpoint } = store;
    const service =
      'accountKey' in auth
        ? new BlobServiceClient(
            endpoint,
            new StorageSharedKeyCredential(accountName, auth.accountKey),
            { retryOptions: { maxTries: 1 } },
          )
        : new BlobServiceClient(
            `${endpoint}?${auth.sasToken}`,
            new AnonymousCredential(),
            { retryOptions: { maxTries: 1 } },
          );
    this.#container = service.getContainerClient(store.bucket);
    this.#timeoutMs = timeoutMs;
    this.#pageSize = pageSize;
    this.#hints = {
      credentials:
        'accountKey' in auth
          ? 'accountName and accountKey'
          : 'sasToken (not expired, signed for this account) and accountName',
      grants: `list and read blobs of container ${store.bucket} (a SAS needs sp=rl)`,
      container: 'container',
      bucket: store.bucket,
      endpoint,
    };
  }

  /** Azure has no start-after: pages from the prefix and drops keys up to startAfter here. */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]> {
    return readPages(async continuationToken => {
      const pages = this.#container
        .listBlobsByHierarchy('/', { prefix, abortSignal: this.#signal() })
        .byPage({ continuationToken, maxPageSize: this.#pageSize });
      const page: ContainerListBlobHierarchySegmentResponse = (
        await this.#call(() => pages.next())
      ).value;
      return {
        objects: page.segment.blobItems.map(blob => ({
          key: blob.name,
          lastModified: blob.properties.lastModified,
        })),
        next: page.continuationToken,
      };
    }, startAfter);
  }

  async getJson(key: string): Promise<unknown> {
    try {
      const body = await this.#call(() =>
        this.#container
          .getBlobClient(key)
          .downloadToBuffer(0, undefined, { abortSignal: this.#signal() }),
      );
      return JSON.parse(body.toString('utf8'));
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

  #signal() {
    return AbortSignal.timeout(this.#timeoutMs);
  }

  /** Runs a request; an error answer becomes StoreHttpError with the service's error code. */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof RestError && error.statusCode) {
        throw new StoreHttpError(
          error.statusCode,
          error.code ?? error.response?.headers.get('x-ms-error-code') ?? '',
        );
      }
      throw error;
    }
  }
}
