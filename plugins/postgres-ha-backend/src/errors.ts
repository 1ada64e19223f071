import { CustomErrorBase } from '@backstage/errors';
import type { UpstreamError } from '@pgha/plugin-postgres-ha-common';

/** Typed causes a platform engineer can act on (see docs/backend.md#errors). */
export type UpstreamErrorType =
  | 'KubernetesUnauthorized'
  | 'KubernetesForbidden'
  | 'KubernetesNotFound'
  | 'KubernetesServerError'
  | 'KubernetesUnreachable'
  | 'PatroniUnreachable'
  | 'PatroniUnauthorized'
  | 'PatroniError'
  | 'DcsUnavailable'
  | 'PgBackRestError'
  | 'Timeout'
  | 'MalformedResponse';

/**
 * An upstream (Kubernetes, Patroni, pgBackRest) failure. Sources throw it; the
 * status hub turns it into `ClusterStatus.error` instead of failing the request.
 */
export class UpstreamFailure extends CustomErrorBase {
  readonly type: UpstreamErrorType;

  constructor(type: UpstreamErrorType, message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'UpstreamFailure';
    this.type = type;
  }

  toJSON(): UpstreamError {
    return { type: this.type, message: this.message };
  }

  /**
   * This failure for Backstage's standard error handler, which answers with its error body:
   * 502 (504 for a timeout), the name and type kept, the cause left out of the answer.
   */
  toHttpError(): Error {
    const error = Object.assign(new Error(this.message), {
      type: this.type,
      statusCode: this.type === 'Timeout' ? 504 : 502,
    });
    error.name = this.name;
    return error;
  }
}

/** Any thrown value as an UpstreamError, without leaking stack traces or secrets. */
export function toUpstreamError(error: unknown): UpstreamError {
  if (error instanceof UpstreamFailure) {
    return error.toJSON();
  }
  return {
    type: 'MalformedResponse',
    message: `Unexpected failure while reading the cluster: ${
      error instanceof Error ? error.message : String(error)
    }`,
  };
}

/** Rejects with a Timeout failure when `promise` does not settle within `ms`. */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UpstreamFailure(
            'Timeout',
            `${what} did not answer within ${ms} ms`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
