import { sharedKeyAuthorization, stringToSign } from './azureSharedKey';

/**
 * A worked example built by hand from the Shared Key rules: Content-Length 0 is
 * an empty line, standard headers keep their fixed positions, x-ms- headers are
 * sorted with folded white space, query names are lowercased and sorted, their
 * values URL-decoded, and several values sorted and comma-joined.
 */
const request = {
  method: 'GET',
  url: new URL(
    'https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&Prefix=wal_005%2F&delimiter=%2F' +
      '&marker=2%2180%21QUJD%2BZA%3D%3D&include=snapshots&include=metadata',
  ),
  headers: {
    'x-ms-version': '2021-08-06',
    'x-ms-date': 'Sat, 21 Nov 2026 17:06:00 GMT',
    'x-ms-client-request-id': '  a1   b2 ',
    'content-length': '0',
    'if-none-match': '"0x8DC1"',
    range: 'bytes=0-1023',
    'user-agent': 'not signed',
  },
};

const EXPECTED = [
  'GET',
  ...['', '', '', '', '', '', '', '', '"0x8DC1"', '', 'bytes=0-1023'],
  'x-ms-client-request-id:a1 b2',
  'x-ms-date:Sat, 21 Nov 2026 17:06:00 GMT',
  'x-ms-version:2021-08-06',
  '/myaccount/mycontainer',
  'comp:list',
  'delimiter:/',
  'include:metadata,snapshots',
  'marker:2!80!QUJD+ZA==',
  'prefix:wal_005/',
  'restype:container',
].join('\n');

describe('Azure Shared Key signing (Blob service)', () => {
  it('builds the string-to-sign of a worked example by the documented rules', () => {
    expect(stringToSign('myaccount', request)).toBe(EXPECTED);
  });

  it('signs it with HMAC-SHA256 under the base64-decoded account key (expected value computed with openssl)', () => {
    const key = Buffer.from('worked-example key for Shared Key').toString(
      'base64',
    );
    expect(sharedKeyAuthorization('myaccount', key, request)).toBe(
      'SharedKey myaccount:UcENyd5H0dii/7ebFixd65arC/lznjOlZ3v3p69q46Q=',
    );
  });

  it('puts a non-zero Content-Length and the account path segment of a path-style endpoint into the string', () => {
    const lines = stringToSign('devaccount', {
      method: 'GET',
      url: new URL('http://127.0.0.1:10000/devaccount/pg-backups/a%20b.json'),
      headers: { 'content-length': '42', 'x-ms-version': '2021-08-06' },
    }).split('\n');
    expect(lines[3]).toBe('42');
    expect(lines.slice(-2)).toEqual([
      'x-ms-version:2021-08-06',
      '/devaccount/devaccount/pg-backups/a%20b.json',
    ]);
  });
});
