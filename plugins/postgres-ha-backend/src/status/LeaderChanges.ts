import {
  isLeaderRole,
  type ClusterMember,
  type FailoverEvent,
} from '@pgha/plugin-postgres-ha-common';

/** A leader change the backend saw happen. */
interface ObservedChange {
  /** The timeline the new leader started (the old leader's + 1). */
  timeline: number;
  oldLeader: string;
  newLeader: string;
  type: 'failover' | 'switchover';
  recoverySeconds?: number;
  initiator?: string;
}

/** Member states that mean the leader was lost, not handing over. */
const LOST_STATES = ['unreachable', 'crashed'];
const MAX_OBSERVED = 50;
/** A switchover asked for this recently explains the next leader change. */
const REQUEST_VALID_MS = 2 * 60_000;
/** Fast refreshes last this long after a change, and at most this long while in trouble. */
const SETTLE_MS = 5_000;
const MAX_FAST_MS = 2 * 60_000;

/**
 * Follows one cluster's leader across snapshots: tells a failover (the leader
 * was lost) from a switchover (it handed over, or one was asked for here), how
 * long the cluster had no working leader, and who asked. Kept in memory only.
 */
export class LeaderChanges {
  #leader?: string;
  /** The highest timeline seen: a demoting leader stops reporting its own. */
  #timeline = 0;
  /** First snapshot without a running leader. */
  #troubleSince?: number;
  #leaderLost = false;
  #lastChangeAt?: number;
  #requested?: { at: number; initiator?: string };
  readonly #observed: ObservedChange[] = [];

  static create() {
    return new LeaderChanges();
  }

  /** A switchover was requested through the backend (by `initiator`). */
  noteSwitchover(initiator?: string, now = Date.now()): void {
    this.#requested = { at: now, initiator };
  }

  observe(members: ClusterMember[], now = Date.now()): void {
    const leader = members.find(m => isLeaderRole(m.role));
    if (!leader || leader.state !== 'running') {
      this.#troubleSince ??= now;
      this.#leaderLost ||= !!leader && LOST_STATES.includes(leader.state);
      return;
    }
    const old = this.#leader;
    if (old && old !== leader.name) {
      const requested =
        this.#requested && now - this.#requested.at < REQUEST_VALID_MS
          ? this.#requested
          : undefined;
      const failover = this.#leaderLost && !requested;
      const since = failover
        ? this.#troubleSince
        : requested?.at ?? this.#troubleSince;
      this.#observed.unshift({
        timeline: this.#timeline + 1,
        oldLeader: old,
        newLeader: leader.name,
        type: failover ? 'failover' : 'switchover',
        ...(since !== undefined
          ? { recoverySeconds: Math.round((now - since) / 100) / 10 }
          : {}),
        ...(requested?.initiator ? { initiator: requested.initiator } : {}),
      });
      this.#observed.splice(MAX_OBSERVED);
      this.#lastChangeAt = now;
      this.#requested = undefined;
    }
    this.#leader = leader.name;
    this.#timeline = Math.max(
      this.#timeline,
      ...members.map(m => m.timeline ?? 0),
    );
    this.#troubleSince = undefined;
    this.#leaderLost = false;
  }

  /** Patroni's history with the old leader, the type, the time to recover and the initiator where known. */
  annotate(history: FailoverEvent[]): FailoverEvent[] {
    return history.map(event => {
      const seen = this.#observed.find(
        o =>
          o.timeline === event.timeline &&
          (!event.newLeader || event.newLeader === o.newLeader),
      );
      if (!seen) {
        return event;
      }
      const { timeline: _t, newLeader: _n, ...extra } = seen;
      return { ...event, ...extra };
    });
  }

  /** While a change is under way or just happened: worth refreshing faster than the interval. */
  unsettled(now = Date.now()): boolean {
    const troubled =
      this.#troubleSince !== undefined &&
      now - this.#troubleSince < MAX_FAST_MS;
    const settling =
      this.#lastChangeAt !== undefined && now - this.#lastChangeAt < SETTLE_MS;
    return troubled || settling;
  }
}
