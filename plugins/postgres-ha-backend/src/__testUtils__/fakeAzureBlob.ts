import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringToSign } from '../backup/walg/azureSharedKey';
import {
  listPage,
  readRecordedArchive,
  RecordedObject,
  sizeOf,
  xmlEscape as xml,
} from './recordedArchive';
import type { S3Request } from './fakeS3';

interface AzureError {
  status: number;
  code: string;
  message: string;
  detail?: string;
}

const AUTH_FAILED =
  'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.';

const etag = (o: RecordedObject) =>
  `0x8DC${Date.parse(o.lastModified).toString(16).toUpperCase()}`;

/** A Blob entry of List Blobs, with the Properties the service sends for a block blob. */
const blobXml = (o: RecordedObject) =>
  `<Blob><Name>${xml(o.key)}</Name><Properties>` +
  `<Creation-Time>${new Date(o.lastModified).toUTCString()}</Creation-Time>` +
  `<Last-Modified>${new Date(o.lastModified).toUTCString()}</Last-Modified>` +
  `<Etag>${etag(o)}</Etag><Content-Length>${sizeOf(o)}</Content-Length>` +
  '<Content-Type>application/octet-stream</Content-Type><Content-Encoding /><Content-Language /><Content-CRC64 />' +
  '<Content-MD5 /><Cache-Control /><Content-Disposition /><BlobType>BlockBlob</BlobType>' +
  '<AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus>' +
  '<LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted></Properties></Blob>';

/** Opaque-looking markers like the service's (`2!<n>!<base64>`), here of the last listed name. */
const toMarker = (name: string) =>
  `2!${name.length}!${Buffer.from(name).toString('base64')}`;
const fromMarker = (marker: string) =>
  Buffer.from(marker.split('!')[2] ?? '', 'base64').toString();

/**
 * Checks a request the way the Blob service does: a SAS must carry every
 * parameter of the issued token and be unexpired; a Shared Key signature is
 * recomputed from the received method, URL and headers with the account key.
 */
function refusal(
  req: http.IncomingMessage,
  url: URL,
  auth: { account: string; accountKey: string; sasToken?: string },
): AzureError | undefined {
  const failed = (detail: string) => ({
    status: 403,
    code: 'AuthenticationFailed',
    message: AUTH_FAILED,
    detail,
  });
  if (url.searchParams.has('sig')) {
    const issued = new URLSearchParams(auth.sasToken ?? '');
    if ([...issued].some(([k, v]) => url.searchParams.get(k) !== v)) {
      return failed('Signature did not match.');
    }
    const expiry = issued.get('se') ?? '';
    return Date.parse(expiry) > Date.now()
      ? undefined
      : failed(`Signed expiry time [${expiry}] has passed.`);
  }
  const given = /^SharedKey ([^:]+):(.+)$/.exec(
    req.headers.authorization ?? '',
  );
  if (!given) {
    return {
      status: 401,
      code: 'NoAuthenticationInformation',
      message:
        'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
    };
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  const toSign = stringToSign(auth.account, {
    method: req.method ?? 'GET',
    url,
    headers,
  });
  const expected = createHmac('sha256', Buffer.from(auth.accountKey, 'base64'))
    .update(toSign)
    .digest('base64');
  return given[1] === auth.account && given[2] === expected
    ? undefined
    : failed(
        `The MAC signature found in the HTTP request '${given[2]}' is not the same as any computed signature. Server used following string to sign: '${toSign}'.`,
      );
}

/**
 * An Azure Blob endpoint on 127.0.0.1, path-style like Azurite
 * (`<url>/<container>[/<blob>]`, url ending in the account), serving a recorded
 * WAL-G archive: List Blobs (EnumerationResults, `pageSize` entries, NextMarker)
 * and Get Blob, with the service's error codes and XML.
 */
export async function startFakeAzureBlob(options: {
  recording: string;
  account: string;
  accountKey: string;
  /** A SAS the "account" issued; requests carrying sig= must match it. */
  sasToken?: string;
  pageSize?: number;
}) {
  const { bucket: container, objects } = readRecordedArchive(options.recording);
  const requests: S3Request[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const query = url.searchParams;
    requests.push({
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query,
      authorization: req.headers.authorization,
      headers: req.headers,
    });
    const send = (
      status: number,
      headers: http.OutgoingHttpHeaders,
      body: string,
    ) => {
      res.writeHead(status, {
        'x-ms-request-id': '5b7c2a1e-601e-0042-1c3b-8d5e7f000000',
        'x-ms-version': '2021-08-06',
        ...headers,
      });
      res.end(body);
    };
    const error = (e: AzureError) =>
      send(
        e.status,
        { 'content-type': 'application/xml', 'x-ms-error-code': e.code },
        `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${
          e.code
        }</Code><Message>${xml(
          `${
            e.message
          }\nRequestId:5b7c2a1e-601e-0042-1c3b-8d5e7f000000\nTime:${new Date().toISOString()}`,
        )}</Message>${
          e.detail
            ? `<AuthenticationErrorDetail>${xml(
                e.detail,
              )}</AuthenticationErrorDetail>`
            : ''
        }</Error>`,
      );
    const denied = refusal(req, url, { ...options, account: options.account });
    if (denied) return error(denied);
    const [, account, name, ...blob] = decodeURIComponent(url.pathname).split(
      '/',
    );
    if (account !== options.account || name !== container) {
      return error({
        status: 404,
        code: 'ContainerNotFound',
        message: 'The specified container does not exist.',
      });
    }
    if (
      !blob.length &&
      query.get('restype') === 'container' &&
      query.get('comp') === 'list'
    ) {
      const prefix = query.get('prefix') ?? '';
      const { page, next } = listPage(objects, {
        prefix,
        delimiter: query.get('delimiter') ?? '',
        after: fromMarker(query.get('marker') ?? ''),
        pageSize: Number(query.get('maxresults') ?? options.pageSize ?? 5000),
      });
      return send(
        200,
        { 'content-type': 'application/xml' },
        [
          '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
          `<EnumerationResults ServiceEndpoint="http://${req.headers.host}/${account}/" ContainerName="${container}">`,
          `<Prefix>${xml(prefix)}</Prefix>`,
          query.has('marker')
            ? `<Marker>${xml(query.get('marker')!)}</Marker>`
            : '',
          `<Delimiter>${xml(query.get('delimiter') ?? '')}</Delimiter><Blobs>`,
          ...page.map(e =>
            e.object
              ? blobXml(e.object)
              : `<BlobPrefix><Name>${xml(e.name)}</Name></BlobPrefix>`,
          ),
          '</Blobs>',
          next
            ? `<NextMarker>${xml(toMarker(next))}</NextMarker>`
            : '<NextMarker />',
          '</EnumerationResults>',
        ].join(''),
      );
    }
    const object = objects.find(o => o.key === blob.join('/'));
    if (!object?.body) {
      return error({
        status: 404,
        code: 'BlobNotFound',
        message: 'The specified blob does not exist.',
      });
    }
    return send(
      200,
      {
        'content-type': 'application/octet-stream',
        'last-modified': new Date(object.lastModified).toUTCString(),
        etag: `"${etag(object)}"`,
        'x-ms-blob-type': 'BlockBlob',
      },
      JSON.stringify(object.body),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    /** The account's endpoint, as `endpoint` of an objectStores entry. */
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${
      options.account
    }`,
    container,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
