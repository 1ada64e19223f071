/** One listed object: key and last modification. */
export interface StoredObject {
  key: string;
  lastModified?: Date;
}

/** Most pages one listing reads, so a huge archive cannot stall a refresh. */
export const MAX_PAGES = 50;

/** What the WAL-G reader needs of an object store (S3, GCS's XML API, Azure Blob). */
export interface WalgObjectStore {
  /** Objects directly under `prefix` (not below the next `/`) with keys after `startAfter`, in key order. */
  list(prefix: string, startAfter?: string): Promise<StoredObject[]>;
  /** The object's body parsed as JSON, or undefined when there is no such key. */
  getJson(key: string): Promise<unknown>;
  /** What went wrong and what to check, without request details or credentials. */
  describeError(error: unknown): string;
  destroy(): void;
}
