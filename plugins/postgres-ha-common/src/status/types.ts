/**
 * The live-status contract between the backend plugin and the frontend.
 *
 * REST routes under the backend plugin's base URL (`/api/postgres-ha`), keyed by
 * the catalog entity that carries the suite's annotations:
 *   GET  /entities/:kind/:namespace/:name/status      -> ClusterStatus
 *   GET  /entities/:kind/:namespace/:name/events      -> text/event-stream, `event: status`, data: ClusterStatus
 *   POST /entities/:kind/:namespace/:name/switchover  { candidate?: string }   -> OperationResult
 *   POST /entities/:kind/:namespace/:name/scale       { instances: number }    -> OperationResult
 *   POST /entities/:kind/:namespace/:name/backup      {}                       -> OperationResult
 *   POST /entities/:kind/:namespace/:name/restore     { targetTime: string }   -> RestorePlan
 */

import type { CloneSource } from '../settings';
import type { OperationName } from './operations';

export type HealthState = 'Healthy' | 'Degraded' | 'Down' | 'Unknown';

/** Computed by the backend from members, lag, pooler and backups; never just the operator's word. */
export interface HealthVerdict {
  state: HealthState;
  /** Human-readable reasons, most important first; empty when Healthy. */
  reasons: string[];
}

export type MemberRole =
  | 'leader'
  | 'standby_leader'
  | 'sync_standby'
  | 'replica'
  | 'unknown';

export interface ClusterMember {
  name: string;
  role: MemberRole;
  /** Patroni state, e.g. running, streaming, starting, stopped, crashed. */
  state: string;
  timeline?: number;
  /** Replication lag in bytes; null when unknown, 0 for the leader. */
  lagBytes: number | null;
  /** host:port (direct) or pod IP. */
  host?: string;
  /** Kubernetes pod name, when from Kubernetes. */
  pod?: string;
  /** Kubernetes node, when from Kubernetes. */
  node?: string;
  /** Container restarts, when from Kubernetes. */
  restarts?: number;
  pendingRestart?: boolean;
}

/** One entry of Patroni's /history: the switch to a new timeline. */
export interface FailoverEvent {
  timeline: number;
  /** WAL position where the previous timeline ended. */
  lsn?: string;
  reason: string;
  /** ISO 8601 time of the switch, when known. */
  time?: string;
  newLeader?: string;
}

export interface PoolerStatus {
  /** Pooler deployment or PgBouncer process is up. */
  ready: boolean;
  desired?: number;
  readyInstances?: number;
  mode?: 'session' | 'transaction';
  /** Where the pooler currently routes writes (member name), when known. */
  pointsTo?: string;
  message?: string;
}

export interface BackupRun {
  name: string;
  status: 'Succeeded' | 'Failed' | 'Running';
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
}

export interface BaseBackup {
  label: string;
  type: string;
  startedAt: string;
  finishedAt: string;
  sizeBytes?: number;
  walStart?: string;
  walStop?: string;
}

export interface BackupStatus {
  /**
   * Where the cluster archives WAL with WAL-G, read from its live `postgresql` spec.env
   * (Secret names only, never their values); the restore plan passes it on as `walSource`.
   */
  walArchive?: CloneSource;
  logical?: {
    /** 5-field cron schedule. */
    schedule?: string;
    lastSuccess?: string;
    lastFailure?: string;
    runs: BackupRun[];
  };
  base: BaseBackup[];
  /** 5-field cron schedule of base backups (direct path), when configured. */
  baseBackupSchedule?: string;
  /** Earliest restorable time to latest archived WAL (ISO 8601). */
  recoveryWindow?: {
    earliest: string;
    latest: string;
    /** Name of the newest archived WAL segment, when known. */
    latestWal?: string;
  };
  /** Why backup information could not be read, if it could not. */
  error?: string;
}

export interface ClusterEndpoints {
  primary?: string;
  replicas?: string;
  pooler?: string;
  poolerReplicas?: string;
}

export interface ClusterSummary {
  name: string;
  source: 'kubernetes' | 'patroni';
  /** Kubernetes cluster name from configuration (kubernetes source). */
  kubernetesCluster?: string;
  namespace?: string;
  postgresVersion?: string;
  replicationMode: 'async' | 'synchronous' | 'synchronous-strict';
  desiredInstances?: number;
  readyInstances: number;
  /** What the operator itself says (PostgresClusterStatus), for reference. */
  operatorStatus?: string;
  endpoints: ClusterEndpoints;
  links: { grafana?: string; pgadmin?: string };
}

export interface UpstreamError {
  /** Typed cause, e.g. KubernetesUnauthorized, KubernetesNotFound, PatroniUnreachable, Timeout, MalformedResponse. */
  type: string;
  /** A message a platform engineer can act on; never contains secrets. */
  message: string;
}

export interface ClusterStatus {
  cluster: ClusterSummary;
  health: HealthVerdict;
  members: ClusterMember[];
  /** Newest first. */
  history: FailoverEvent[];
  pooler?: PoolerStatus;
  backups: BackupStatus;
  /** ISO 8601 time the snapshot was taken upstream. */
  fetchedAt: string;
  /** Set when the source could not be read (health is then Unknown). */
  error?: UpstreamError;
  /** Kubernetes source only: volumes and recent warning events. */
  kubernetes?: KubernetesDetails;
  /** Kubernetes source only: the state of the list+watch the snapshot comes from. */
  watch?: WatchState;
}

export interface KubernetesDetails {
  volumes: { name: string; phase: string; capacity?: string }[];
  /** Recent Warning events of the cluster's objects, oldest first. */
  events: {
    object: string;
    reason: string;
    message: string;
    lastSeen?: string;
    count?: number;
  }[];
}

export interface OperationResult {
  operation: OperationName;
  status: 'accepted' | 'succeeded' | 'failed';
  /** The operation's record in the history (`GET …/operations`). */
  operationId?: string;
  message: string;
  /** ISO 8601 time the operation was requested. */
  requestedAt: string;
}

/** Prefilled values for the restore template (scaffolder). */
export interface RestorePlan {
  templateRef: string;
  values: Record<string, unknown>;
}

/** Whether a Kubernetes source's watches run; `down` means the snapshot may be stale. */
export interface WatchState {
  state: 'up' | 'down';
  /** ISO 8601 time of the last change of state. */
  since: string;
  message?: string;
}
