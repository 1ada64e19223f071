import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '..', '__fixtures__', 's3');

interface RecordedObject {
  key: string;
  lastModified: string;
  body?: unknown;
}

/** A request as the fake store saw it. */
export interface S3Request {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A ListObjectsV2 answer in the shape S3 sends (ListBucketResult). */
function listBucketResult(
  bucket: string,
  objects: RecordedObject[],
  query: URLSearchParams,
  pageSize: number,
): string {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const after =
    query.get('continuation-token') ?? query.get('start-after') ?? '';
  const contents: RecordedObject[] = [];
  const prefixes = new Set<string>();
  for (const o of [...objects].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (!o.key.startsWith(prefix) || o.key <= after) continue;
    const rest = o.key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (cut >= 0) prefixes.add(prefix + rest.slice(0, cut + 1));
    else contents.push(o);
  }
  const page = contents.slice(0, pageSize);
  const truncated = contents.length > pageSize;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix>`,
    `<KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys>`,
    delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : '',
    `<IsTruncated>${truncated}</IsTruncated>`,
    truncated
      ? `<NextContinuationToken>${xml(
          page[page.length - 1].key,
        )}</NextContinuationToken>`
      : '',
    ...page.map(
      o =>
        `<Contents><Key>${xml(o.key)}</Key><LastModified>${
          o.lastModified
        }</LastModified>` +
        `<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>${
          o.body ? JSON.stringify(o.body).length : 4194304
        }</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    ),
    ...(delimiter
      ? [...prefixes].map(
          p => `<CommonPrefixes><Prefix>${xml(p)}</Prefix></CommonPrefixes>`,
        )
      : []),
    '</ListBucketResult>',
  ].join('');
}

/**
 * A path-style S3 endpoint on 127.0.0.1 serving a recorded bucket: ListObjectsV2
 * (`GET /<bucket>?list-type=2`, `pageSize` keys per page so paging is exercised)
 * and GetObject (`GET /<bucket>/<key>`). Any other request shape answers 400.
 */
export async function startFakeS3(options: {
  recording: string;
  pageSize?: number;
  /** Answer every request with this S3 error instead. */
  fail?: { status: number; code: string };
}) {
  const { bucket, objects } = JSON.parse(
    fs.readFileSync(
      path.join(FIXTURES, options.recording, 'objects.json'),
      'utf8',
    ),
  ) as { bucket: string; objects: RecordedObject[] };
  const requests: S3Request[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, {
        'content-type': type,
        'x-amz-request-id': 'C3D4E5F6A7B8',
      });
      res.end(body);
    };
    const error = (status: number, code: string) =>
      send(
        status,
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message><RequestId>C3D4E5F6A7B8</RequestId></Error>`,
      );
    if (options.fail) return error(options.fail.status, options.fail.code);
    const [, first, ...rest] = decodeURIComponent(url.pathname).split('/');
    if (first !== bucket) return error(404, 'NoSuchBucket');
    if (rest.join('') === '' && url.searchParams.get('list-type') === '2') {
      return send(
        200,
        'application/xml',
        listBucketResult(
          bucket,
          objects,
          url.searchParams,
          options.pageSize ?? 1000,
        ),
      );
    }
    const object = objects.find(o => o.key === rest.join('/'));
    if (!object?.body) return error(404, 'NoSuchKey');
    return send(200, 'application/json', JSON.stringify(object.body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
