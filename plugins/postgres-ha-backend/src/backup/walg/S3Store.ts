import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { ObjectStoreConfig } from '../../config/readConfig';

/** One listed object: key and last modification. */
export interface StoredObject {
  key: string;
  lastModified?: Date;
}

/** Most pages one listing reads (1000 keys each), so a huge archive cannot stall a refresh. */
const MAX_PAGES = 50;

/**
 * Reads one S3 bucket with the credentials from backend configuration only
 * (never the SDK's default chain: environment, profiles, instance metadata).
 */
export class S3Store {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #timeoutMs: number;

  static create(options: {
    store: ObjectStoreConfig & { accessKeyId: string; secretAccessKey: string };
    timeoutMs: number;
  }) {
    return new S3Store(options.store, options.timeoutMs);
  }

  private constructor(
    store: ObjectStoreConfig & { accessKeyId: string; secretAccessKey: string },
    timeoutMs: number,
  ) {
    this.#bucket = store.bucket;
    this.#timeoutMs = timeoutMs;
    this.#client = new S3Client({
      region: store.region,
      endpoint: store.endpoint,
      forcePathStyle: store.forcePathStyle,
      credentials: {
        accessKeyId: store.accessKeyId,
        secretAccessKey: store.secretAccessKey,
      },
      maxAttempts: 1,
    });
  }

  /** Objects under `prefix` (not below the next `/`), in key order, paging with ListObjectsV2. */
  async list(prefix: string, startAfter?: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          Delimiter: '/',
          StartAfter: token ? undefined : startAfter,
          ContinuationToken: token,
        }),
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
      for (const o of answer.Contents ?? []) {
        if (o.Key) objects.push({ key: o.Key, lastModified: o.LastModified });
      }
      token = answer.IsTruncated ? answer.NextContinuationToken : undefined;
      if (!token) break;
    }
    return objects;
  }

  /** The object's body parsed as JSON, or undefined when there is no such key. */
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

  destroy() {
    this.#client.destroy();
  }
}

/** What went wrong talking to the store, without request details or credentials. */
export function describeS3Error(error: unknown): string {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    return `${error.name}${status ? ` (HTTP ${status})` : ''}`;
  }
  if (error instanceof Error) {
    return error.name === 'AbortError' || error.name === 'TimeoutError'
      ? 'no answer in time'
      : error.message;
  }
  return String(error);
}
