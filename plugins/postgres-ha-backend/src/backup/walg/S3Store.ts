import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { KeyPairStore } from './storeCredentials';
import { describeStoreError, StoreHints, StoreHttpError } from './storeErrors';
import { readPages, StoredObject, WalgObjectStore } from './WalgObjectStore';

/** What the key pair must be allowed to do, per provider. */
const GRANTS = {
  s3: 'list and read the bucket (s3:ListBucket, s3:GetObject)',
  gcs: 'list and read objects of the bucket (HMAC key of a service account with roles/storage.objectViewer)',
};

/**
 * Reads one bucket of S3, an S3-compatible store, or GCS through its XML API
 * with an HMAC key, with the credentials from backend configuration only
 * (never the SDK's default chain: environment, profiles, instance metadata).
 */
export class S3Store implements WalgObjectStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #timeoutMs: number;
  readonly #pageSize?: number;
  readonly #hints: StoreHints;

  /** `pageSize`: keys per ListObjectsV2 page (default the store's, 1000 on S3). */
  static create(options: {
    store: KeyPairStore;
    timeoutMs: number;
    pageSize?: number;
  }) {
    return new S3Store(options.store, options.timeoutMs, options.pageSize);
  }

  private constructor(
    store: KeyPairStore,
    timeoutMs: number,
    pageSize?: number,
  ) {
    this.#bucket = store.bucket;
    this.#timeoutMs = timeoutMs;
    this.#pageSize = pageSize;
    this.#hints = {
      credentials: `accessKeyId and secretAccessKey${
        store.provider === 'gcs' ? ' (the HMAC key)' : ''
      }`,
      grants: GRANTS[store.provider],
      container: 'bucket',
      bucket: store.bucket,
      endpoint: store.endpoint ?? `AWS S3 (${store.region})`,
    };
    this.#client = new S3Client({
      region: store.region,
      endpoint: store.endpoint,
      forcePathStyle: store.forcePathStyle,
      credentials: {
        accessKeyId: store.accessKeyId,
        secretAccessKey: store.secretAccessKey,
      },
      // Reads only: no checksum headers, which GCS and some S3-compatible stores refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });
  }

  /** Paging with ListObjectsV2 (GCS's XML API answers it too, list-type=2). */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]> {
    return readPages(async token => {
      const answer = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          Delimiter: '/',
          StartAfter: token ? undefined : startAfter,
          ContinuationToken: token,
          MaxKeys: this.#pageSize,
        }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      return {
        objects: (answer.Contents ?? []).flatMap(o =>
          o.Key ? [{ key: o.Key, lastModified: o.LastModified }] : [],
        ),
        next: answer.IsTruncated ? answer.NextContinuationToken : undefined,
      };
    });
  }

  async getJson(key: string): Promise<unknown> {
    try {
      const answer = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: key }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      return JSON.parse((await answer.Body?.transformToString()) ?? '');
    } catch (error) {
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') {
        return undefined;
      }
      throw error;
    }
  }

  describeError(error: unknown): string {
    const status =
      error instanceof S3ServiceException && error.$metadata.httpStatusCode;
    return describeStoreError(
      status ? new StoreHttpError(status, (error as Error).name) : error,
      this.#hints,
    );
  }

  destroy() {
    this.#client.destroy();
  }
}
