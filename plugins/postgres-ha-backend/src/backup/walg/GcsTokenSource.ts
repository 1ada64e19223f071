import { createHash } from 'node:crypto';
import { ServiceAccountKey, signedAssertion } from './gcsServiceAccount';

/** The token endpoint refused the assertion, or could not be reached (status 0). */
export class GcsTokenError extends Error {
  constructor(readonly status: number, readonly code: string, cause?: unknown) {
    super(`${code}${status ? ` (HTTP ${status})` : ''}`, { cause });
    this.name = 'GcsTokenError';
  }
}

/** Renew this long before expiry so a token does not lapse mid-listing. */
const RENEW_BEFORE_MS = 5 * 60_000;

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * OAuth 2.0 access tokens for one service-account key (JWT bearer grant),
 * shared by every read of that key until shortly before they expire;
 * concurrent callers wait for one token request.
 */
export class GcsTokenSource {
  static readonly #sources = new Map<string, GcsTokenSource>();
  readonly #key: ServiceAccountKey;
  #token?: Token;
  #pending?: Promise<Token>;

  /** The one source of this key (keyed by a hash, the key is not kept twice). */
  static for(key: ServiceAccountKey): GcsTokenSource {
    const id = createHash('sha256')
      .update(`${key.tokenUri}\n${key.clientEmail}\n${key.privateKey}`)
      .digest('hex');
    let source = GcsTokenSource.#sources.get(id);
    if (!source) {
      source = new GcsTokenSource(key);
      GcsTokenSource.#sources.set(id, source);
    }
    return source;
  }

  private constructor(key: ServiceAccountKey) {
    this.#key = key;
  }

  async token(timeoutMs: number): Promise<string> {
    if (this.#token && Date.now() < this.#token.expiresAt - RENEW_BEFORE_MS) {
      return this.#token.value;
    }
    this.#pending ??= this.#request(timeoutMs).finally(() => {
      this.#pending = undefined;
    });
    this.#token = await this.#pending;
    return this.#token.value;
  }

  /** Forget a token the API refused (revoked, or the clock was off). */
  invalidate(value: string) {
    if (this.#token?.value === value) this.#token = undefined;
  }

  async #request(timeoutMs: number): Promise<Token> {
    const requestedAt = Date.now();
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signedAssertion(this.#key, Math.floor(requestedAt / 1000)),
    });
    let answer: Response;
    try {
      answer = await fetch(this.#key.tokenUri, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new GcsTokenError(0, 'unreachable', error);
    }
    const json = (await answer.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
    };
    if (!answer.ok || !json.access_token) {
      throw new GcsTokenError(
        answer.status,
        json.error || answer.statusText || 'no access_token',
      );
    }
    return {
      value: json.access_token,
      expiresAt: requestedAt + (json.expires_in ?? 3600) * 1000,
    };
  }
}
