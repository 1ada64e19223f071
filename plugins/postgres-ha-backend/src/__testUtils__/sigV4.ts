import { createHash, createHmac } from 'node:crypto';
import type http from 'node:http';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) =>
  createHmac('sha256', key).update(s).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** The parts of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export function parseSigV4(authorization = '') {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  return (
    match && {
      accessId: match[1],
      scope: `${match[2]}/${match[3]}/${match[4]}/aws4_request`,
      date: match[2],
      region: match[3],
      service: match[4],
      signedHeaders: match[5].split(';'),
      signature: match[6],
    }
  );
}

/**
 * The SigV4 signature the received request has with `secret`, recomputed the way
 * the service does it: canonical request from what arrived, string to sign, key chain.
 */
export function sigV4Signature(
  req: http.IncomingMessage,
  url: URL,
  secret: string,
  parts: NonNullable<ReturnType<typeof parseSigV4>>,
): string {
  const query = [...url.searchParams]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const headers = parts.signedHeaders
    .map(
      h =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [
    req.method,
    url.pathname,
    query,
    headers,
    parts.signedHeaders.join(';'),
    req.headers['x-amz-content-sha256'] ?? sha256(''),
  ].join('\n');
  const toSign = [
    'AWS4-HMAC-SHA256',
    req.headers['x-amz-date'],
    parts.scope,
    sha256(canonical),
  ].join('\n');
  const key = [parts.date, parts.region, parts.service, 'aws4_request'].reduce<
    string | Buffer
  >((k, part) => hmac(k, part), `AWS4${secret}`);
  return createHmac('sha256', key).update(toSign).digest('hex');
}
