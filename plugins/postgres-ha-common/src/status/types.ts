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

/** The one leader check: a leader, or the leader of a standby cluster. */
export const isLeaderRole = (role: MemberRole) =>
  role === 'leader' || role === 'standby_leader';

export interface ClusterMember {
  name: string;
  role: MemberRole;
  /**
   * Patroni state, e.g. running, streaming, starting, stopped, crashed; `unreachable`
   * when neither its Patroni REST API nor its PostgreSQL answer (whatever the DCS says).
   */
  state: string;
  /** What the DCS last said when it differs from `state` (e.g. running for a dead leader). */
  dcsState?: string;
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
  /** Standbys: async, potential, sync or quorum (the leader's pg_stat_replication). */
  syncState?: string;
  syncPriority?: number;
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
  /** The leader of the previous timeline, when known. */
  oldLeader?: string;
  /**
   * failover: the old leader was lost (observed unreachable or leaderless before);
   * switchover: it handed over while healthy. Absent when the backend did not see it.
   */
  type?: 'failover' | 'switchover';
  /** Seconds from the first sign of trouble (or the request) to the new leader running. */
  recoverySeconds?: number;
  /** Who asked for it, when it came through Backstage (user entity ref). */
  initiator?: string;
}

/** A leader change under way, as the backend sees it. */
export interface FailoverInProgress {
  /** leader-unreachable: the DCS still names a leader that does not answer; no-leader: the lock expired, members elect. */
  phase: 'leader-unreachable' | 'no-leader';
  /** The leader that was lost. */
  oldLeader?: string;
  /** ISO 8601 time the backend first saw it. */
  since: string;
  /** Patroni's leader-lock ttl in seconds: the old leader's lock expires within it. */
  ttlSeconds?: number;
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

/** What the leader's PostgreSQL says about WAL (optional SQL access of the Patroni source). */
export interface WalStatus {
  archiving?: {
    archivedCount: number;
    lastArchivedWal?: string;
    lastArchivedAt?: string;
    failedCount: number;
    lastFailedWal?: string;
    lastFailedAt?: string;
    /** The last attempt failed (a failure newer than the last success). */
    failing: boolean;
  };
  /** pg_replication_slots: a slot nobody consumes keeps WAL until the disk fills. */
  slots: {
    name: string;
    type: string;
    active: boolean;
    restartLsn?: string;
    /** reserved, extended, unreserved or lost. */
    walStatus?: string;
    /** Bytes the slot may still fall behind before it is lost; null without max_slot_wal_keep_size. */
    safeWalSizeBytes?: number | null;
    plugin?: string;
  }[];
  /** Sum of pg_database_size over all databases. */
  databaseSizeBytes?: number;
  /** Why it could not be read, if it could not. */
  error?: string;
}

export interface ClusterEndpoints {
  primary?: string;
  replicas?: string;
  pooler?: string;
  poolerReplicas?: string;
}

/** What the leader's PostgreSQL says about itself (Patroni's `/patroni`). */
export interface PrimaryDetails {
  systemIdentifier?: string;
  /** ISO 8601 start of the leader's postmaster. */
  startedAt?: string;
  timeline?: number;
  /** Current write position, X/Y. */
  walPosition?: string;
  /** WAL segment file of that position (16 MiB segments). */
  walFile?: string;
  patroniVersion?: string;
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
  /** The leader's own account, when it answers. */
  primary?: PrimaryDetails;
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
  /** Age of the snapshot in ms when it was sent (the browser's clock may differ from the backend's). */
  ageMs?: number;
  /** The backend's refresh interval in seconds: data older than two of them is stale. */
  refreshIntervalSeconds?: number;
  /** Set while a leader change is under way. */
  failover?: FailoverInProgress;
  /** WAL archiving, replication slots and database size, when SQL access is configured. */
  wal?: WalStatus;
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
