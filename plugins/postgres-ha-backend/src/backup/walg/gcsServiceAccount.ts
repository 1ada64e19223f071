import { createPrivateKey, createSign } from 'node:crypto';

/** What the token flow needs of a service-account JSON key file. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  /** Where the key's issuer takes JWT assertions, as written in the key file. */
  tokenUri: string;
}

const FIELDS = ['client_email', 'private_key', 'token_uri'] as const;

/** Read-only access to object data and metadata. */
export const READ_ONLY_SCOPE =
  'https://www.googleapis.com/auth/devstorage.read_only';

/** Assertions are valid at most this long (Google's limit). */
const ASSERTION_SECONDS = 3600;

/**
 * The parsed key, or what is wrong with it. The problem never quotes the
 * content: a key pasted into the wrong field must not end up in a log.
 */
export function parseServiceAccountKey(
  json: string,
): ServiceAccountKey | string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'is not a service-account JSON key (not JSON; give the whole key file)';
  }
  const key = (value ?? {}) as Record<string, unknown>;
  const missing = FIELDS.filter(f => typeof key[f] !== 'string' || !key[f]);
  if (missing.length) {
    return `is not a service-account JSON key (needs ${missing.join(', ')})`;
  }
  const { client_email, private_key, token_uri } = key as Record<
    (typeof FIELDS)[number],
    string
  >;
  if (!/^https?:\/\//.test(token_uri)) {
    return 'is not a service-account JSON key (token_uri is not an http(s) URL)';
  }
  try {
    createPrivateKey(private_key);
  } catch {
    return 'is not a service-account JSON key (private_key is not a PEM private key)';
  }
  return {
    clientEmail: client_email,
    privateKey: private_key,
    tokenUri: token_uri,
  };
}

const base64url = (data: string | Buffer) =>
  Buffer.from(data).toString('base64url');

/** A JWT (RS256) asserting the service account for a read-only token. */
export function signedAssertion(
  key: ServiceAccountKey,
  nowSeconds: number,
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: key.clientEmail,
      scope: READ_ONLY_SCOPE,
      aud: key.tokenUri,
      iat: nowSeconds,
      exp: nowSeconds + ASSERTION_SECONDS,
    }),
  );
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${claims}`)
    .sign(key.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}
