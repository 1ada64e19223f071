import type { FailoverEvent } from '@pgha/plugin-postgres-ha-common';
import { formatLsn } from './lsn';

/** `[timeline, lsn, reason, time?, newLeader?]`: Patroni's record that a timeline ended. */
export type PatroniHistoryEntry = [
  number,
  number,
  string,
  (string | null)?,
  (string | null)?,
];

/** Patroni's history (oldest first) as failover events, newest first. */
export function toFailoverEvents(
  entries: PatroniHistoryEntry[],
): FailoverEvent[] {
  return entries
    .map(([timeline, lsn, reason, time, newLeader], i) => ({
      timeline: timeline + 1,
      lsn: typeof lsn === 'number' ? formatLsn(lsn) : undefined,
      reason,
      time: time ? new Date(time).toISOString() : undefined,
      newLeader: newLeader ?? undefined,
      // The previous switch's new leader led the timeline this one ended.
      oldLeader: entries[i - 1]?.[4] ?? undefined,
    }))
    .reverse();
}
