import type { PrimaryDetails } from '@pgha/plugin-postgres-ha-common';
import { formatLsn, walFileName } from '../status/lsn';
import type { PatroniNodeStatus } from './PatroniClient';

/** The leader's `/patroni` as summary facts; undefined when it did not answer. */
export function primaryDetails(
  status: PatroniNodeStatus | undefined,
): PrimaryDetails | undefined {
  if (!status) {
    return undefined;
  }
  const position = status.xlog?.location;
  const started = status.postmaster_start_time
    ? new Date(status.postmaster_start_time.replace(' ', 'T'))
    : undefined;
  return {
    systemIdentifier: status.database_system_identifier,
    startedAt:
      started && !Number.isNaN(started.getTime())
        ? started.toISOString()
        : undefined,
    timeline: status.timeline,
    walPosition: position !== undefined ? formatLsn(position) : undefined,
    walFile:
      position !== undefined && status.timeline
        ? walFileName(status.timeline, position)
        : undefined,
    patroniVersion: status.patroni?.version,
  };
}
