/**
 * The operations history of a cluster, kept by the backend in its database.
 *
 *   GET /entities/:kind/:namespace/:name/operations?limit=N  -> OperationHistory
 */

/** The guarded operations the backend runs on a cluster. */
export type OperationName = 'switchover' | 'scale' | 'backup' | 'restore';

/**
 * `running` until the operation settles; `interrupted` when the backend replica
 * that ran it stopped renewing its lease (it died or lost its database), so the
 * outcome is unknown.
 */
export type OperationRecordStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'interrupted';

/** One operation: who ran what on which cluster, from which replica, and how it ended. */
export interface OperationRecord {
  id: string;
  operation: OperationName;
  /** The cluster's source key, e.g. `patroni:lab`. */
  cluster: string;
  entityRef: string;
  /** User entity ref of the caller (or the service principal's subject). */
  actor: string;
  /** The backend replica that ran it (`postgresHa.operations.replicaId`, default host:pid). */
  replica: string;
  parameters: Record<string, string | number | null>;
  status: OperationRecordStatus;
  /** The result message or the error. */
  message?: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601; absent while running. */
  endedAt?: string;
  durationMs?: number;
}

/** A cluster's operations, newest first. */
export interface OperationHistory {
  operations: OperationRecord[];
}
