import { ResponseError } from '@backstage/errors';

/**
 * The reason to show for a failure: the backend's own message from Backstage's error body,
 * not the ResponseError's "Request failed with 409 Conflict".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) return error.body.error.message;
  return error instanceof Error ? error.message : String(error);
}
