import { createHmac } from 'node:crypto';

/** A request as Shared Key signs it: header names lowercase. */
export interface SignedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
}

/** The standard headers, in the order the string-to-sign lists them. */
const STANDARD_HEADERS = [
  'content-encoding',
  'content-language',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'range',
];

const byName = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : Number(a[0] > b[0]);

/**
 * Shared Key string-to-sign of the Blob service (version 2015-02-21 and later):
 * the verb and standard headers (Content-Length empty for 0) one a line, the
 * x-ms- headers sorted, then `/<account><path>` and the query parameters
 * (names lowercase, sorted; several values sorted and comma-joined).
 */
export function stringToSign(account: string, request: SignedRequest): string {
  const header = (name: string) => request.headers[name] ?? '';
  const standard = STANDARD_HEADERS.map(name =>
    name === 'content-length' && header(name) === '0' ? '' : header(name),
  );
  const msHeaders = Object.entries(request.headers)
    .filter(([name]) => name.startsWith('x-ms-'))
    .map(([name, value]): [string, string] => [
      name,
      value.replace(/\s+/g, ' ').trim(),
    ])
    .sort(byName)
    .map(([name, value]) => `${name}:${value}\n`);
  const params = new Map<string, string[]>();
  for (const [name, value] of request.url.searchParams) {
    const lower = name.toLowerCase();
    params.set(lower, [...(params.get(lower) ?? []), value]);
  }
  const query = [...params]
    .map(([name, values]): [string, string] => [name, values.sort().join(',')])
    .sort(byName)
    .map(([name, values]) => `\n${name}:${values}`);
  return [
    request.method,
    ...standard,
    `${msHeaders.join('')}/${account}${request.url.pathname}${query.join('')}`,
  ].join('\n');
}

/** `SharedKey <account>:<base64 HMAC-SHA256 of the string-to-sign with the decoded key>`. */
export function sharedKeyAuthorization(
  account: string,
  accountKey: string,
  request: SignedRequest,
): string {
  const signature = createHmac('sha256', Buffer.from(accountKey, 'base64'))
    .update(stringToSign(account, request), 'utf8')
    .digest('base64');
  return `SharedKey ${account}:${signature}`;
}
