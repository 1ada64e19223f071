import type {
  BackupStatus,
  ClusterMember,
  FailoverInProgress,
  MemberRole,
  PoolerStatus,
  WalStatus,
} from '@pgha/plugin-postgres-ha-common';
import { InputError } from '@backstage/errors';
import type { PatroniClusterConfig } from '../config/readConfig';
import { toUpstreamError } from '../errors';
import type { UnjudgedStatus } from '../health/HealthEvaluator';
import { PgBackRestClient } from '../backup/PgBackRestClient';
import type { ClusterSource, OperationOutcome } from '../status/ClusterSource';
import { CoalescedValue } from '../status/CoalescedValue';
import type { LinkTemplates } from '../status/links';
import { toFailoverEvents } from '../status/history';
import {
  isLeaderRole,
  memberRole,
  postgresVersion,
  replicationMode,
} from '../status/roles';
import { tcpReachable } from '../status/tcpReachable';
import {
  PatroniClient,
  PatroniMember,
  PatroniNodeStatus,
} from './PatroniClient';
import { LeaderWatch } from './LeaderWatch';
import { primaryDetails } from './primaryDetails';
import { SqlWalReader } from './SqlWalReader';

const BACKUP_TIMEOUT_MS = 30 * 60_000;

const hostOf = (m: PatroniMember) =>
  m.host && m.port ? `${m.host}:${m.port}` : m.host;

interface PatroniClusterSourceOptions {
  config: PatroniClusterConfig;
  links: LinkTemplates;
  timeoutMs: number;
  backupRefreshIntervalMs: number;
}

/** A cluster reached through its Patroni REST API (Compose, VMs, the lab). */
export class PatroniClusterSource implements ClusterSource {
  readonly key: string;
  readonly identity: ClusterSource['identity'];
  readonly #config: PatroniClusterConfig;
  readonly #client: PatroniClient;
  readonly #timeoutMs: number;
  readonly #pgbackrest?: PgBackRestClient;
  readonly #backups?: CoalescedValue<BackupStatus>;
  /** Kept while the leader does not answer (a failover): it changes only with a restart. */
  #lastVersion?: string;
  readonly #leaderWatch: LeaderWatch;
  readonly #sql?: SqlWalReader;

  static create(options: PatroniClusterSourceOptions) {
    return new PatroniClusterSource(options);
  }

  private constructor(options: PatroniClusterSourceOptions) {
    this.key = `patroni:${options.config.name}`;
    this.identity = {
      name: options.config.name,
      source: 'patroni',
      links: options.links,
    };
    this.#config = options.config;
    this.#timeoutMs = options.timeoutMs;
    this.#client = PatroniClient.create({
      cluster: options.config,
      timeoutMs: options.timeoutMs,
    });
    if (options.config.sql) {
      this.#sql = SqlWalReader.create({
        cluster: options.config.name,
        settings: options.config.sql,
        timeoutMs: options.timeoutMs,
      });
    }
    this.#leaderWatch = LeaderWatch.create({
      client: this.#client,
      timeoutMs: options.timeoutMs,
    });
    if (options.config.pgbackrest) {
      const pgbackrest = PgBackRestClient.create({
        settings: options.config.pgbackrest,
        timeoutMs: Math.max(options.timeoutMs, 10_000),
      });
      this.#pgbackrest = pgbackrest;
      // Backup information changes slowly and costs two CLI runs: read it less often.
      this.#backups = CoalescedValue.create({
        load: () => pgbackrest.backupStatus(),
        ttlMs: options.backupRefreshIntervalMs,
      });
    }
  }

  /** True when the leader no longer answers as the leader: worth a refresh before the interval ends. */
  probe(): Promise<boolean> {
    return this.#leaderWatch.changed();
  }

  async fetchStatus(): Promise<UnjudgedStatus> {
    const fetchedAt = new Date().toISOString();
    const { members, baseUrl } = await this.#client.cluster();
    const [
      history,
      dynamicConfig,
      { leaderStatus, unreachable },
      pooler,
      backups,
      wal,
    ] = await Promise.all([
      this.#client.history(baseUrl),
      this.#client.dynamicConfig(baseUrl),
      this.#leaderWatch.check(members),
      this.#poolerStatus(),
      this.#backupStatus(),
      this.#walStatus(members),
    ]);
    const clusterMembers = this.#leaderWatch.withMissing(
      members.map(m => this.#member(m, leaderStatus, unreachable.has(m.name))),
      this.#config.urls.length,
    );
    const failover: FailoverInProgress | undefined = this.#leaderWatch.failover(
      clusterMembers,
      dynamicConfig.ttl,
    );
    const leaderMember = clusterMembers.find(m => isLeaderRole(m.role));
    const replicas = clusterMembers.filter(m => !isLeaderRole(m.role));
    this.#lastVersion =
      postgresVersion(leaderStatus?.server_version) ?? this.#lastVersion;
    return {
      cluster: {
        name: this.#config.name,
        source: 'patroni',
        postgresVersion: this.#lastVersion,
        replicationMode: replicationMode(dynamicConfig),
        primary: primaryDetails(leaderStatus),
        desiredInstances: this.#config.urls.length,
        readyInstances: clusterMembers.filter(m =>
          ['running', 'streaming'].includes(m.state),
        ).length,
        endpoints: {
          primary: leaderMember?.host,
          replicas:
            replicas
              .map(m => m.host)
              .filter(Boolean)
              .join(', ') || undefined,
          pooler: this.#config.pooler
            ? `${this.#config.pooler.host}:${this.#config.pooler.port}`
            : undefined,
        },
        links: {},
      },
      members: clusterMembers,
      history: toFailoverEvents(history),
      pooler,
      backups,
      fetchedAt,
      ...(failover ? { failover } : {}),
      ...(wal ? { wal } : {}),
    };
  }

  async switchover(
    leader: string,
    candidate?: string,
  ): Promise<OperationOutcome> {
    const message = await this.#client.switchover(leader, candidate);
    return { status: 'succeeded', message };
  }

  async scale(): Promise<OperationOutcome> {
    throw new InputError(
      `Cluster '${
        this.#config.name
      }' is reached through Patroni directly; change the number of members in its deployment (Compose/VMs), not here`,
    );
  }

  async backup(): Promise<OperationOutcome> {
    const pgbackrest = this.#pgbackrest;
    if (!pgbackrest) {
      throw new InputError(
        `Cluster '${
          this.#config.name
        }' has no postgresHa.patroni.clusters[].pgbackrest configuration`,
      );
    }
    const completion = pgbackrest
      .backup(BACKUP_TIMEOUT_MS)
      .finally(() => this.#backups?.invalidate());
    return {
      status: 'accepted',
      message: `pgBackRest ${
        this.#config.pgbackrest!.backupType
      } backup of stanza '${this.#config.pgbackrest!.stanza}' started`,
      completion,
    };
  }

  #member(
    m: PatroniMember,
    leaderStatus: PatroniNodeStatus | undefined,
    unreachable: boolean,
  ): ClusterMember {
    const role = memberRole(m.role);
    if (unreachable) {
      // The DCS still names it until its lock expires; it answers nothing.
      return {
        name: m.name,
        role,
        state: 'unreachable',
        dcsState: m.state,
        timeline: m.timeline,
        lagBytes: null,
        host: hostOf(m),
      };
    }
    const replication = leaderStatus?.replication?.find(
      r => r.application_name === m.name,
    );
    // Patroni 3.0 reports replicas as "running"; the leader's pg_stat_replication says whether they stream.
    const state =
      !isLeaderRole(role) &&
      m.state === 'running' &&
      replication?.state === 'streaming'
        ? 'streaming'
        : m.state;
    return {
      name: m.name,
      role,
      state,
      timeline: m.timeline,
      lagBytes: lagBytes(role, m.lag),
      host: hostOf(m),
      pendingRestart: m.pending_restart ?? undefined,
      syncState: replication?.sync_state,
      syncPriority: replication?.sync_priority,
    };
  }

  /** From the DCS leader, when SQL access is configured and its host is one we trust. */
  async #walStatus(members: PatroniMember[]): Promise<WalStatus | undefined> {
    const leader = members.find(m => isLeaderRole(memberRole(m.role)));
    if (!this.#sql || !leader?.host || !leader.port) {
      return undefined;
    }
    if (!this.#client.trustsHost(leader.host)) {
      return {
        slots: [],
        error: `The leader's host ${leader.host} is not one the configured Patroni URLs name; not connecting`,
      };
    }
    return this.#sql.read(leader.host, leader.port);
  }

  async #poolerStatus(): Promise<PoolerStatus | undefined> {
    const pooler = this.#config.pooler;
    if (!pooler) {
      return undefined;
    }
    const ready = await tcpReachable(pooler.host, pooler.port, this.#timeoutMs);
    return ready
      ? { ready }
      : { ready, message: `nothing listens on ${pooler.host}:${pooler.port}` };
  }

  async #backupStatus(): Promise<BackupStatus> {
    if (!this.#backups) {
      return { base: [] };
    }
    try {
      return await this.#backups.get();
    } catch (error) {
      return { base: [], error: toUpstreamError(error).message };
    }
  }
}

/** 0 for the leader; Patroni says "unknown" when a replica's position is unknown. */
function lagBytes(
  role: MemberRole,
  lag: number | string | undefined,
): number | null {
  if (isLeaderRole(role)) {
    return 0;
  }
  return typeof lag === 'number' ? lag : null;
}
