import type { ClusterSummary } from '@pgha/plugin-postgres-ha-common';
import type { UnjudgedStatus } from '../health/HealthEvaluator';

/** What an operation did, before it is wrapped into the REST answer. */
export interface OperationOutcome {
  status: 'accepted' | 'succeeded';
  message: string;
  /** For accepted operations: settles when the work is done (for the audit log). */
  completion?: Promise<void>;
}

/** One cluster, read from and operated on through one upstream. */
export interface ClusterSource {
  /** Stable identity, e.g. `patroni:lab` or `kubernetes:prod/db/acid-orders`. */
  readonly key: string;
  /** What is known without asking the upstream (shown when it cannot be read). */
  readonly identity: Pick<
    ClusterSummary,
    'name' | 'source' | 'kubernetesCluster' | 'namespace' | 'links'
  >;
  /** Reads a snapshot; throws UpstreamFailure when the source cannot be read. */
  fetchStatus(): Promise<UnjudgedStatus>;
  /**
   * A cheap check between snapshots (about once a second while watched): true when
   * the cluster probably changed, so the next snapshot is read now.
   */
  probe?(): Promise<boolean>;
  /** Sources that can watch: calls `onChange` on upstream changes until the returned function is called. */
  watch?(onChange: () => void): () => void;
  switchover(leader: string, candidate?: string): Promise<OperationOutcome>;
  scale(instances: number): Promise<OperationOutcome>;
  backup(): Promise<OperationOutcome>;
}
