import {
  isLeaderRole,
  type ClusterMember,
  type FailoverInProgress,
} from '@pgha/plugin-postgres-ha-common';
import { UpstreamFailure } from '../errors';
import { memberRole } from '../status/roles';
import { tcpReachable } from '../status/tcpReachable';
import type {
  PatroniClient,
  PatroniMember,
  PatroniNodeStatus,
} from './PatroniClient';

/** A probe must be quick: it runs about once a second while somebody watches. */
const PROBE_TIMEOUT_MS = 1_000;

/** What the leader's own REST API said, and the members that answer nothing. */
export interface MemberCheck {
  leaderStatus?: PatroniNodeStatus;
  unreachable: Set<string>;
}

const streamingCount = (status: PatroniNodeStatus | undefined) =>
  status?.replication?.filter(r => r.state === 'streaming').length ?? 0;

/**
 * Watches the DCS leader of one Patroni cluster between snapshots: whether it
 * still answers (REST API, then PostgreSQL), since when a leader change is under
 * way, and which members dropped out of the DCS listing.
 */
export class LeaderWatch {
  readonly #client: PatroniClient;
  readonly #timeoutMs: number;
  /** The leader as last seen answering, with its count of streaming replicas. */
  #leader?: { apiUrl: string; streaming: number };
  #lastLeaderName?: string;
  #troubleSince?: string;
  readonly #known = new Map<string, ClusterMember>();
  #unreachable = new Set<string>();

  static create(options: { client: PatroniClient; timeoutMs: number }) {
    return new LeaderWatch(options.client, options.timeoutMs);
  }

  private constructor(client: PatroniClient, timeoutMs: number) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Asks the DCS leader for its `/patroni`, and members found silent before
   * whether they answer again; a silent member whose PostgreSQL does not accept
   * connections either is unreachable, whatever the DCS still says about it.
   */
  async check(members: PatroniMember[]): Promise<MemberCheck> {
    const leader = members.find(m => isLeaderRole(memberRole(m.role)));
    this.#leader = undefined;
    const unreachable = new Set<string>();
    let leaderStatus: PatroniNodeStatus | undefined;
    await Promise.all(
      members
        .filter(m => m === leader || this.#unreachable.has(m.name))
        .map(async m => {
          const answer = await this.#ask(m);
          if (answer === 'silent') {
            unreachable.add(m.name);
          } else if (m === leader) {
            leaderStatus = answer;
          }
        }),
    );
    if (leader?.api_url && leaderStatus) {
      this.#leader = {
        apiUrl: leader.api_url,
        streaming: streamingCount(leaderStatus),
      };
    }
    this.#unreachable = unreachable;
    return { leaderStatus, unreachable };
  }

  /** True when the leader seen last no longer answers as a leader with as many streaming replicas. */
  async changed(): Promise<boolean> {
    const leader = this.#leader;
    if (!leader) {
      return false;
    }
    try {
      const status = await this.#client.memberStatus(
        leader.apiUrl,
        PROBE_TIMEOUT_MS,
      );
      return (
        !status ||
        !isLeaderRole(memberRole(status.role)) ||
        streamingCount(status) !== leader.streaming
      );
    } catch {
      return true;
    }
  }

  /**
   * The listed members, plus those listed before but gone from the DCS (shown as
   * unreachable), while fewer than the configured number are listed.
   */
  withMissing(members: ClusterMember[], desired: number): ClusterMember[] {
    const listed = new Set(members.map(m => m.name));
    const missing = [...this.#known.values()]
      .filter(m => !listed.has(m.name))
      .slice(0, Math.max(desired - members.length, 0))
      .map(m => ({
        name: m.name,
        role: 'unknown' as const,
        state: 'unreachable',
        dcsState: 'not listed',
        lagBytes: null,
        host: m.host,
      }));
    for (const m of members) {
      this.#known.set(m.name, m);
    }
    for (const name of this.#known.keys()) {
      if (!listed.has(name) && !missing.some(m => m.name === name)) {
        this.#known.delete(name);
      }
    }
    return [...members, ...missing];
  }

  /** The leader change under way, if any, with the ttl of Patroni's leader lock. */
  failover(
    members: ClusterMember[],
    ttlSeconds: number | undefined,
  ): FailoverInProgress | undefined {
    const leader = members.find(m => isLeaderRole(m.role));
    let phase: FailoverInProgress['phase'] | undefined;
    if (leader?.state === 'unreachable') {
      phase = 'leader-unreachable';
    } else if (!leader && members.length) {
      phase = 'no-leader';
    }
    if (!phase) {
      this.#troubleSince = undefined;
      this.#lastLeaderName = leader?.name ?? this.#lastLeaderName;
      return undefined;
    }
    this.#troubleSince ??= new Date().toISOString();
    const oldLeader = leader?.name ?? this.#lastLeaderName;
    return {
      phase,
      since: this.#troubleSince,
      ...(oldLeader ? { oldLeader } : {}),
      ...(ttlSeconds ? { ttlSeconds } : {}),
    };
  }

  /** The member's `/patroni`, or 'silent' when neither it nor its PostgreSQL answers. */
  async #ask(
    member: PatroniMember,
  ): Promise<PatroniNodeStatus | undefined | 'silent'> {
    try {
      return await this.#client.memberStatus(
        member.api_url,
        this.#unreachable.has(member.name) ? PROBE_TIMEOUT_MS : undefined,
      );
    } catch (error) {
      const silent =
        error instanceof UpstreamFailure &&
        (error.type === 'PatroniUnreachable' || error.type === 'Timeout');
      return silent && !(await this.#postgresAnswers(member))
        ? 'silent'
        : undefined;
    }
  }

  /** PostgreSQL's port answers; only on a host one of the configured Patroni URLs names. */
  async #postgresAnswers(member: PatroniMember): Promise<boolean> {
    if (!member.host || !member.port || !this.#client.trustsHost(member.host)) {
      return false;
    }
    return tcpReachable(
      member.host,
      member.port,
      Math.min(this.#timeoutMs, PROBE_TIMEOUT_MS),
    );
  }
}
