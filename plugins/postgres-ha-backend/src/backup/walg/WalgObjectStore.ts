/** One listed object: key and last modification. */
export interface StoredObject {
  key: string;
  lastModified?: Date;
}

/** Most pages one listing reads, so a huge archive cannot stall a refresh. */
const MAX_PAGES = 50;

/** One page of a listing and the token of the next, if any. */
export interface ListedPage {
  objects: StoredObject[];
  next?: string;
}

/**
 * Reads pages until there is no next token (at most MAX_PAGES), keeping keys
 * after `startAfter` (for stores without exclusive start-after).
 */
export async function readPages(
  readPage: (token?: string) => Promise<ListedPage>,
  startAfter = '',
): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await readPage(token);
    objects.push(...answer.objects.filter(o => o.key > startAfter));
    token = answer.next || undefined;
    if (!token) break;
  }
  return objects;
}

/** What the WAL-G reader needs of an object store (S3, GCS's XML and JSON APIs, Azure Blob). */
export interface WalgObjectStore {
  /** Objects directly under `prefix` (not below the next `/`) with keys after `startAfter`, in key order. */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]>;
  /** The object's body parsed as JSON, or undefined when there is no such key. */
  getJson(key: string): Promise<unknown>;
  /** What went wrong and what to check, without request details or credentials. */
  describeError(error: unknown): string;
  destroy(): void;
}
