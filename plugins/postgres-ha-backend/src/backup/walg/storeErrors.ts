/** A request the store answered with an error status and code. */
export class StoreHttpError extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(`${code} (HTTP ${status})`);
    this.name = 'StoreHttpError';
  }
}

/** What to tell the operator to check, per provider and credential kind. */
export interface StoreHints {
  /** e.g. `accessKeyId and secretAccessKey`. */
  credentials: string;
  /** What the credentials must be allowed to do. */
  grants: string;
  /** `bucket` or `container`. */
  container: string;
  bucket: string;
  endpoint: string;
  /** Where the endpoint is configured; default `endpoint of that entry`. */
  endpointSource?: string;
}

const isError = (value: unknown): value is Error =>
  typeof value === 'object' && value !== null && 'message' in value;

/**
 * Socket-level failure code (ECONNREFUSED, ENOTFOUND, …) of a fetch or SDK error, or from its
 * message where a wrapper kept only that (the AWS SDK wraps errors of another realm, as under jest).
 */
function networkCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  const cause = (error.cause as { code?: unknown } | undefined)?.code;
  const code = typeof own === 'string' ? own : cause;
  if (typeof code === 'string') return code;
  return /\b(?:connect|getaddrinfo) (E[A-Z]+)\b/.exec(error.message)?.[1];
}

/**
 * An actionable description of a failed store request. Never includes the
 * request URL (a SAS token travels in it) or any credential.
 */
export function describeStoreError(
  failure: unknown,
  hints: StoreHints,
): string {
  if (failure instanceof StoreHttpError) {
    if (failure.status === 401 || failure.status === 403) {
      return `${failure.message}: check ${hints.credentials} of that entry and that they may ${hints.grants}`;
    }
    if (failure.status === 404) {
      return `${failure.message}: ${hints.container} '${hints.bucket}' was not found at ${hints.endpoint}; check bucket and endpoint of that entry`;
    }
    return failure.message;
  }
  // Not instanceof: fetch's errors can come from another realm (e.g. under jest).
  if (!isError(failure)) return String(failure);
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return `no answer from ${hints.endpoint} within postgresHa.requestTimeoutSeconds`;
  }
  const code = networkCode(failure);
  return code
    ? `cannot reach ${hints.endpoint} (${code}); check ${
        hints.endpointSource ?? 'endpoint of that entry'
      } and the network`
    : failure.message;
}
