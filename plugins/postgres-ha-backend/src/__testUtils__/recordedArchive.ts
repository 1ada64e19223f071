import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '..', '__fixtures__', 's3');

/** One object of a recorded WAL-G archive: key, upload time, JSON body if read. */
export interface RecordedObject {
  key: string;
  lastModified: string;
  body?: unknown;
}

/** An entry of a delimiter listing: an object, or a common prefix (`object` absent). */
export interface ListedEntry {
  name: string;
  object?: RecordedObject;
}

/**
 * The recorded archive `__fixtures__/s3/<recording>/objects.json`: one bucket's
 * keys, times and sentinel bodies, served by every fake store (S3, GCS, Azure).
 */
export function readRecordedArchive(recording: string) {
  return JSON.parse(
    fs.readFileSync(path.join(FIXTURES, recording, 'objects.json'), 'utf8'),
  ) as { bucket: string; objects: RecordedObject[] };
}

export const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Bytes an object has: its JSON body, or a 4 MiB WAL segment / tar part. */
export const sizeOf = (o: RecordedObject) =>
  o.body ? JSON.stringify(o.body).length : 4194304;

/**
 * One page of a delimiter listing in name order, as the stores build it:
 * objects and common prefixes together, after `after` (and from `from`), `pageSize` at most.
 */
export function listPage(
  objects: RecordedObject[],
  query: {
    prefix: string;
    delimiter: string;
    after: string;
    pageSize: number;
    /** Inclusive lower bound (GCS's startOffset). */
    from?: string;
  },
) {
  const entries = new Map<string, ListedEntry>();
  for (const object of objects) {
    if (!object.key.startsWith(query.prefix)) continue;
    const rest = object.key.slice(query.prefix.length);
    const cut = query.delimiter ? rest.indexOf(query.delimiter) : -1;
    const name = cut >= 0 ? query.prefix + rest.slice(0, cut + 1) : object.key;
    entries.set(name, cut >= 0 ? { name } : { name, object });
  }
  const listed = [...entries.values()]
    .filter(e => e.name > query.after && e.name >= (query.from ?? ''))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = listed.slice(0, query.pageSize);
  return {
    page,
    /** Name of the last entry when more follow (the next page starts after it). */
    next: listed.length > query.pageSize ? page[page.length - 1].name : '',
  };
}

/** The newest WAL segment of the recorded archive: the end of its recovery window. */
export const NEWEST_WAL =
  'spilo/acid-orders/wal_005/00000002000000000000000C.lz4';

/**
 * Writes the recorded archive into a real store through `put`: JSON bodies as recorded, other
 * objects (WAL, tar parts) as a short placeholder. The newest WAL segment goes last, more than
 * a second after the rest, so it is the newest by time also where stores list whole seconds.
 */
export async function writeRecordedArchive(
  put: (key: string, body: string) => Promise<unknown>,
) {
  const { objects } = readRecordedArchive('acid-orders');
  const body = (o: RecordedObject) =>
    o.body ? JSON.stringify(o.body) : `recorded WAL-G object ${o.key}`;
  for (const object of objects.filter(o => o.key !== NEWEST_WAL)) {
    await put(object.key, body(object));
  }
  await new Promise(resolve => setTimeout(resolve, 1100));
  await put(NEWEST_WAL, body(objects.find(o => o.key === NEWEST_WAL)!));
}
