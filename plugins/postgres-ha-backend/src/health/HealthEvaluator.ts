import { CronExpressionParser } from 'cron-parser';
import {
  isLeaderRole,
  type ClusterStatus,
  type HealthVerdict,
} from '@pgha/plugin-postgres-ha-common';

/** Everything the verdict is computed from: a snapshot before its health is known. */
export type UnjudgedStatus = Omit<ClusterStatus, 'health'>;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Milliseconds between two consecutive runs of a cron schedule. */
function scheduleIntervalMs(schedule: string, now: Date): number | undefined {
  try {
    const expr = CronExpressionParser.parse(schedule, { currentDate: now });
    const first = expr.next().getTime();
    return expr.next().getTime() - first;
  } catch {
    return undefined;
  }
}

/**
 * Computes Healthy / Degraded / Down / Unknown with reasons from what the
 * members, pooler and backups say, never from the operator's status alone.
 */
export class HealthEvaluator {
  readonly #lagWarningBytes: number;

  static create(options: { lagWarningBytes: number }) {
    return new HealthEvaluator(options.lagWarningBytes);
  }

  private constructor(lagWarningBytes: number) {
    this.#lagWarningBytes = lagWarningBytes;
  }

  evaluate(status: UnjudgedStatus, now: Date = new Date()): HealthVerdict {
    if (status.error) {
      return { state: 'Unknown', reasons: [status.error.message] };
    }
    const down = this.#downReasons(status);
    if (down.length) {
      return { state: 'Down', reasons: down };
    }
    const degraded = [
      ...this.#replicationReasons(status),
      ...this.#capacityReasons(status),
      ...this.#backupReasons(status, now),
      ...this.#walReasons(status),
    ];
    return degraded.length
      ? { state: 'Degraded', reasons: degraded }
      : { state: 'Healthy', reasons: [] };
  }

  #downReasons(status: UnjudgedStatus): string[] {
    const leader = status.members.find(m => isLeaderRole(m.role));
    const failover = status.failover;
    const ttl = failover?.ttlSeconds
      ? ` within ttl ${failover.ttlSeconds} s`
      : '';
    if (!leader) {
      if (failover?.phase === 'no-leader') {
        return [
          `Failover in progress: ${
            failover.oldLeader ? `leader ${failover.oldLeader} lost, ` : ''
          }no member holds the leader lock yet; the cluster does not accept writes`,
        ];
      }
      return [
        status.members.length
          ? `No leader among ${status.members.length} members: the cluster does not accept writes`
          : 'No members found',
      ];
    }
    if (leader.state === 'unreachable') {
      return [
        `Leader ${leader.name} unreachable — Patroni fails over${
          ttl || ' when its leader lock expires'
        }`,
      ];
    }
    if (leader.state !== 'running') {
      return [
        `Leader ${leader.name} is ${leader.state} and does not accept writes`,
      ];
    }
    return [];
  }

  #replicationReasons(status: UnjudgedStatus): string[] {
    const reasons: string[] = [];
    const replicas = status.members.filter(m => !isLeaderRole(m.role));
    for (const replica of replicas) {
      if (replica.state !== 'streaming') {
        reasons.push(
          `Replica ${replica.name} is not streaming (state: ${replica.state})`,
        );
      } else if (
        replica.lagBytes !== null &&
        replica.lagBytes > this.#lagWarningBytes
      ) {
        reasons.push(
          `Replica ${replica.name} lags ${mib(
            replica.lagBytes,
          )} behind the leader (threshold ${mib(this.#lagWarningBytes)})`,
        );
      }
    }
    if (
      status.cluster.replicationMode !== 'async' &&
      !replicas.some(m => m.role === 'sync_standby')
    ) {
      reasons.push(
        'Synchronous mode is on but no member is a synchronous standby',
      );
    }
    return reasons;
  }

  #capacityReasons(status: UnjudgedStatus): string[] {
    const reasons: string[] = [];
    const { desiredInstances, readyInstances } = status.cluster;
    if (desiredInstances !== undefined && readyInstances < desiredInstances) {
      // Members other reasons do not name: gone silent or not listed at all.
      const notReady = status.members
        .filter(m => m.state === 'unreachable')
        .map(m => `${m.name} unreachable`);
      const unlisted = desiredInstances - status.members.length;
      if (unlisted > 0) {
        notReady.push(`${unlisted} not listed`);
      }
      reasons.push(
        `${readyInstances} of ${desiredInstances} desired instances are ready${
          notReady.length ? ` (${notReady.join(', ')})` : ''
        }`,
      );
    }
    if (status.pooler && !status.pooler.ready) {
      reasons.push(
        `Connection pooler is down${
          status.pooler.message ? `: ${status.pooler.message}` : ''
        }`,
      );
    }
    for (const volume of status.kubernetes?.volumes ?? []) {
      if (volume.phase !== 'Bound') {
        reasons.push(`Volume ${volume.name} is ${volume.phase}`);
      }
    }
    return reasons;
  }

  /** Failing WAL archiving breaks point-in-time recovery; a lost slot breaks its replica. */
  #walReasons(status: UnjudgedStatus): string[] {
    const reasons: string[] = [];
    const archiving = status.wal?.archiving;
    if (archiving?.failing) {
      reasons.push(
        `WAL archiving fails: ${
          archiving.lastFailedWal ?? 'a segment'
        } failed at ${archiving.lastFailedAt}${
          archiving.lastArchivedAt
            ? `, last success ${archiving.lastArchivedAt}`
            : ', never succeeded'
        }`,
      );
    }
    for (const slot of status.wal?.slots ?? []) {
      if (slot.walStatus === 'lost' || slot.walStatus === 'unreserved') {
        reasons.push(
          `Replication slot ${slot.name} is ${
            slot.walStatus
          }: the WAL it needs is ${
            slot.walStatus === 'lost' ? 'gone' : 'about to be removed'
          }`,
        );
      }
    }
    return reasons;
  }

  #backupReasons(status: UnjudgedStatus, now: Date): string[] {
    const { logical, base, baseBackupSchedule } = status.backups;
    const reasons: string[] = [];
    const check = (
      what: string,
      schedule: string | undefined,
      newest: string | undefined,
    ) => {
      const interval = schedule && scheduleIntervalMs(schedule, now);
      if (!interval) {
        return;
      }
      if (!newest) {
        reasons.push(`No successful ${what} yet (schedule ${schedule})`);
      } else if (now.getTime() - Date.parse(newest) > 2 * interval) {
        reasons.push(
          `Newest ${what} (${newest}) is older than twice its schedule (${schedule})`,
        );
      }
    };
    check('logical backup', logical?.schedule, logical?.lastSuccess);
    check('base backup', baseBackupSchedule, base[0]?.finishedAt);
    return reasons;
  }
}
