import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  listPage,
  readRecordedArchive,
  RecordedObject,
  sizeOf,
  xmlEscape as xml,
} from './recordedArchive';

/** A request as the fake store saw it. */
export interface S3Request {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  headers: http.IncomingHttpHeaders;
}

/** An error answer: status, error code and message. */
export interface S3Refusal {
  status: number;
  code: string;
  message?: string;
}

/** How a store speaking S3's protocol answers unlike S3 (GCS's XML API). */
export interface S3Dialect {
  /** xmlns of ListBucketResult. */
  namespace: string;
  /** Elements of a Contents entry after Key (LastModified, ETag, Size are added). */
  contents: (o: RecordedObject) => string;
  /** NextContinuationToken for the last listed name, and the name back. */
  token: (name: string) => string;
  after: (token: string) => string;
  /** A refusal instead of an answer (e.g. a bad signature). */
  refuse?: (req: http.IncomingMessage, url: URL) => S3Refusal | undefined;
  /** Message of NoSuchBucket / NoSuchKey errors. */
  notFound: (code: string) => string;
}

const S3_DIALECT: S3Dialect = {
  namespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
  contents: () => '',
  token: name => name,
  after: token => token,
  notFound: code => code,
};

/** A ListObjectsV2 answer in the shape S3 (or the dialect) sends (ListBucketResult). */
function listBucketResult(
  bucket: string,
  objects: RecordedObject[],
  query: URLSearchParams,
  pageSize: number,
  dialect: S3Dialect,
): string {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const token = query.get('continuation-token');
  const after = token ? dialect.after(token) : query.get('start-after') ?? '';
  const { page, next } = listPage(objects, {
    prefix,
    delimiter,
    after,
    pageSize,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ListBucketResult xmlns="${dialect.namespace}">`,
    `<Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix>`,
    `<KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys>`,
    delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : '',
    `<IsTruncated>${Boolean(next)}</IsTruncated>`,
    next
      ? `<NextContinuationToken>${xml(
          dialect.token(next),
        )}</NextContinuationToken>`
      : '',
    ...page.map(({ name, object: o }) =>
      o
        ? `<Contents><Key>${xml(o.key)}</Key>${dialect.contents(o)}` +
          `<LastModified>${o.lastModified}</LastModified>` +
          `<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>${sizeOf(
            o,
          )}</Size><StorageClass>STANDARD</StorageClass></Contents>`
        : `<CommonPrefixes><Prefix>${xml(name)}</Prefix></CommonPrefixes>`,
    ),
    '</ListBucketResult>',
  ].join('');
}

/**
 * A path-style S3 endpoint on 127.0.0.1 serving a recorded bucket: ListObjectsV2
 * (`GET /<bucket>?list-type=2`, `pageSize` entries per page so paging is exercised)
 * and GetObject (`GET /<bucket>/<key>`). Any other request shape answers 404.
 */
export async function startFakeS3(options: {
  recording: string;
  pageSize?: number;
  /** Answer every request with this S3 error instead. */
  fail?: S3Refusal;
  dialect?: S3Dialect;
  /** Serve the recorded keys under another prefix (e.g. a derived Spilo path). */
  rebase?: { from: string; to: string };
}) {
  const dialect = options.dialect ?? S3_DIALECT;
  const { bucket, objects: recorded } = readRecordedArchive(options.recording);
  const { from, to } = options.rebase ?? { from: '', to: '' };
  const objects = recorded.map(o =>
    o.key.startsWith(from) ? { ...o, key: to + o.key.slice(from.length) } : o,
  );
  const requests: S3Request[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: req.headers.authorization,
      headers: req.headers,
    });
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, {
        'content-type': type,
        'x-amz-request-id': 'C3D4E5F6A7B8',
      });
      res.end(body);
    };
    const error = ({ status, code, message = code }: S3Refusal) =>
      send(
        status,
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xml(
          message,
        )}</Message><RequestId>C3D4E5F6A7B8</RequestId></Error>`,
      );
    const refusal = options.fail ?? dialect.refuse?.(req, url);
    if (refusal) return error(refusal);
    const notFound = (code: string) =>
      error({ status: 404, code, message: dialect.notFound(code) });
    const [, first, ...rest] = decodeURIComponent(url.pathname).split('/');
    if (first !== bucket) return notFound('NoSuchBucket');
    if (rest.join('') === '' && url.searchParams.get('list-type') === '2') {
      return send(
        200,
        'application/xml',
        listBucketResult(
          bucket,
          objects,
          url.searchParams,
          options.pageSize ?? 1000,
          dialect,
        ),
      );
    }
    const object = objects.find(o => o.key === rest.join('/'));
    if (!object?.body) return notFound('NoSuchKey');
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
