import { createVerify, KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { READ_ONLY_SCOPE } from '../backup/walg/gcsServiceAccount';
import { listPage, readRecordedArchive, sizeOf } from './recordedArchive';
import type { S3Request } from './fakeS3';

const TOKEN_PATH = '/token';

/** The issuer's answer to an assertion: the claims it checked, or the OAuth error. */
function verifyAssertion(
  assertion: string,
  account: { clientEmail: string; publicKey: KeyObject; audience: string },
): { error: string; error_description: string } | undefined {
  const [header, claims, signature] = assertion.split('.');
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(account.publicKey, Buffer.from(signature ?? '', 'base64url'));
  if (!valid) {
    return {
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    };
  }
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString());
  const problem =
    (c.iss !== account.clientEmail && 'Invalid issuer.') ||
    (c.aud !== account.audience && 'Invalid JWT audience.') ||
    (c.scope !== READ_ONLY_SCOPE && 'Invalid OAuth scope.') ||
    (!(c.exp > c.iat && c.exp - c.iat <= 3600) &&
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  return problem
    ? { error: 'invalid_grant', error_description: problem }
    : undefined;
}

/** A JSON API error body as GCS sends it. */
const apiError = (code: number, reason: string, message: string) =>
  JSON.stringify({
    error: { code, message, errors: [{ message, domain: 'global', reason }] },
  });

/**
 * GCS's JSON API and a service account's token endpoint on 127.0.0.1: the
 * endpoint verifies the RS256 assertion against the account's public key and
 * its claims, and issues bearer tokens the API checks (and lets expire); the
 * API serves a recorded WAL-G archive as objects list pages (`pageSize`
 * entries, nextPageToken) and alt=media reads.
 */
export async function startFakeGcsJson(options: {
  recording: string;
  clientEmail: string;
  publicKey: KeyObject;
  pageSize?: number;
  /** Answer object requests with 403 (the account lacks storage.objects.list). */
  forbidden?: boolean;
}) {
  const { bucket, objects } = readRecordedArchive(options.recording);
  const requests: S3Request[] = [];
  const tokens = new Map<string, number>();
  let issued = 0;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': `${type}; charset=UTF-8` });
      res.end(body);
    };
    if (url.pathname === TOKEN_PATH && req.method === 'POST') {
      let form = '';
      for await (const chunk of req) form += chunk;
      const params = new URLSearchParams(form);
      const refused =
        params.get('grant_type') !==
        'urn:ietf:params:oauth:grant-type:jwt-bearer'
          ? {
              error: 'unsupported_grant_type',
              error_description: 'Invalid grant_type.',
            }
          : verifyAssertion(params.get('assertion') ?? '', {
              ...options,
              audience: `http://${req.headers.host}${TOKEN_PATH}`,
            });
      if (refused) return send(400, JSON.stringify(refused));
      const token = `ya29.c.pgha-test-token-${++issued}`;
      tokens.set(token, Date.now() + 3599_000);
      return send(
        200,
        JSON.stringify({
          access_token: token,
          expires_in: 3599,
          token_type: 'Bearer',
        }),
      );
    }
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      headers: req.headers,
    });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !((tokens.get(bearer) ?? 0) > Date.now())) {
      return send(401, apiError(401, 'required', 'Invalid Credentials'));
    }
    const match = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(
      url.pathname,
    );
    if (!match || decodeURIComponent(match[1]) !== bucket) {
      return send(
        404,
        apiError(404, 'notFound', 'The specified bucket does not exist.'),
      );
    }
    if (options.forbidden) {
      const message = `${options.clientEmail} does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).`;
      return send(403, apiError(403, 'forbidden', message));
    }
    if (match[2] !== undefined) {
      const name = decodeURIComponent(match[2]);
      const object = objects.find(o => o.key === name);
      if (!object?.body || url.searchParams.get('alt') !== 'media') {
        return send(
          404,
          apiError(404, 'notFound', `No such object: ${bucket}/${name}`),
        );
      }
      return send(200, JSON.stringify(object.body), 'application/octet-stream');
    }
    const q = url.searchParams;
    const pageToken = q.get('pageToken');
    const { page, next } = listPage(objects, {
      prefix: q.get('prefix') ?? '',
      delimiter: q.get('delimiter') ?? '',
      after: pageToken ? Buffer.from(pageToken, 'base64').toString() : '',
      from: q.get('startOffset') ?? undefined,
      pageSize: options.pageSize ?? 1000,
    });
    const items = page
      .filter(e => e.object)
      .map(({ object: o }) => ({
        kind: 'storage#object',
        id: `${bucket}/${o!.key}/${Date.parse(o!.lastModified) * 1000}`,
        name: o!.key,
        bucket,
        generation: String(Date.parse(o!.lastModified) * 1000),
        metageneration: '1',
        contentType: 'application/octet-stream',
        storageClass: 'STANDARD',
        size: String(sizeOf(o!)),
        timeCreated: o!.lastModified,
        updated: o!.lastModified,
      }));
    const prefixes = page.filter(e => !e.object).map(e => e.name);
    return send(
      200,
      JSON.stringify({
        kind: 'storage#objects',
        ...(next && { nextPageToken: Buffer.from(next).toString('base64') }),
        ...(prefixes.length && { prefixes }),
        ...(items.length && { items }),
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUri: `${url}${TOKEN_PATH}`,
    bucket,
    requests,
    /** Token requests answered with a token. */
    issued: () => issued,
    /** Revoke every issued token (as deleting the key in IAM does). */
    revokeAll: () => tokens.clear(),
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
