import { createPrivateKey } from 'node:crypto';

/** What is read of a service-account JSON key file. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  /** As written in the key file (Google's auth library trades the key at its own endpoint). */
  tokenUri: string;
}

const FIELDS = ['client_email', 'private_key', 'token_uri'] as const;

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
