import { OperationResult } from '@pgha/plugin-postgres-ha-common';
import { OperationOutcome } from './OperationDialog';

/** A backend answer of `failed` is a failure even though the request succeeded. */
export function toOutcome(result: OperationResult): OperationOutcome {
  return { ok: result.status !== 'failed', message: result.message };
}
