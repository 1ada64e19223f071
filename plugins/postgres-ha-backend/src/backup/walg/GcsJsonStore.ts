import { GcsTokenError, GcsTokenSource } from './GcsTokenSource';
import type { ServiceAccountStore } from './storeCredentials';
import { describeStoreError, StoreHints, StoreHttpError } from './storeErrors';
import { readPages, StoredObject, WalgObjectStore } from './WalgObjectStore';

/** The fields of an objects list answer that are read. */
interface ObjectsPage {
  items?: { name: string; updated?: string }[];
  nextPageToken?: string;
}

/**
 * Reads one GCS bucket through the JSON API (objects list, objects get with
 * alt=media) with OAuth tokens of a service-account key from backend configuration.
 */
export class GcsJsonStore implements WalgObjectStore {
  readonly #store: ServiceAccountStore;
  readonly #tokens: GcsTokenSource;
  readonly #timeoutMs: number;
  readonly #hints: StoreHints;

  static create(options: { store: ServiceAccountStore; timeoutMs: number }) {
    return new GcsJsonStore(options.store, options.timeoutMs);
  }

  private constructor(store: ServiceAccountStore, timeoutMs: number) {
    this.#store = store;
    this.#tokens = GcsTokenSource.for(store.serviceAccountKey);
    this.#timeoutMs = timeoutMs;
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
      const answer = await this.#get('', {
        prefix,
        delimiter: '/',
        startOffset: startAfter,
        pageToken,
      });
      const { items = [], nextPageToken } =
        (await answer.json()) as ObjectsPage;
      return {
        objects: items.map(item => ({
          key: item.name,
          lastModified: item.updated ? new Date(item.updated) : undefined,
        })),
        next: nextPageToken,
      };
    }, startAfter);
  }

  async getJson(key: string): Promise<unknown> {
    try {
      const answer = await this.#get(`/${encodeURIComponent(key)}`, {
        alt: 'media',
      });
      return JSON.parse(await answer.text());
    } catch (error) {
      if (error instanceof StoreHttpError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  describeError(error: unknown): string {
    const { bucket, serviceAccountKey: key } = this.#store;
    if (error instanceof GcsTokenError && error.status === 0) {
      return `token endpoint of the key: ${describeStoreError(error.cause, {
        ...this.#hints,
        endpoint: key.tokenUri,
        endpointSource: 'token_uri of serviceAccountKey',
      })}`;
    }
    if (error instanceof GcsTokenError) {
      // OAuth errors (invalid_grant, invalid_client) come as 400 or 401; others are the endpoint's.
      return error.status === 400 || error.status === 401
        ? `service-account key rejected by its token endpoint: ${error.message}; check serviceAccountKey of that entry (a current key of ${key.clientEmail}, not deleted or disabled)`
        : `token endpoint of the key answered ${error.message}; try again later`;
    }
    if (error instanceof StoreHttpError && error.status === 403) {
      return `${error.message}: grant roles/storage.objectViewer on bucket '${bucket}' to ${key.clientEmail} (serviceAccountKey of that entry)`;
    }
    return describeStoreError(error, this.#hints);
  }

  destroy() {}

  /** GET `<endpoint>/storage/v1/b/<bucket>/o<path>`; once more with a new token after a 401. */
  async #get(
    path: string,
    query: Record<string, string | undefined>,
    retried = false,
  ): Promise<Response> {
    const { endpoint, bucket } = this.#store;
    const params = new URLSearchParams(
      Object.entries(query).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const url = `${endpoint}/storage/v1/b/${encodeURIComponent(
      bucket,
    )}/o${path}?${params}`;
    const token = await this.#tokens.token(this.#timeoutMs);
    const answer = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (answer.ok) return answer;
    const failure = (await answer.json().catch(() => ({}))) as {
      error?: { errors?: { reason?: string }[] };
    };
    if (answer.status === 401 && !retried) {
      this.#tokens.invalidate(token);
      return this.#get(path, query, true);
    }
    throw new StoreHttpError(
      answer.status,
      failure.error?.errors?.[0]?.reason ?? answer.statusText,
    );
  }
}
