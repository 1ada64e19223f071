import type {
  ClusterSummary,
  MemberRole,
} from '@pgha/plugin-postgres-ha-common';

/** Patroni's role names across versions (`master`/`primary` became `leader`). */
export function memberRole(role: string | undefined): MemberRole {
  switch (role) {
    case 'leader':
    case 'master':
    case 'primary':
      return 'leader';
    case 'standby_leader':
    case 'sync_standby':
    case 'replica':
      return role;
    default:
      return 'unknown';
  }
}

export { isLeaderRole } from '@pgha/plugin-postgres-ha-common';

/** `150018` → `15.18`. */
export function postgresVersion(
  serverVersion: number | undefined,
): string | undefined {
  return serverVersion
    ? `${Math.floor(serverVersion / 10000)}.${serverVersion % 100}`
    : undefined;
}

/** Patroni's dynamic configuration keys that decide the replication mode (and the leader lock's ttl). */
export interface ReplicationSettings {
  synchronous_mode?: boolean;
  synchronous_mode_strict?: boolean;
  ttl?: number;
}

export function replicationMode(
  settings: ReplicationSettings,
): ClusterSummary['replicationMode'] {
  if (settings.synchronous_mode_strict) {
    return 'synchronous-strict';
  }
  return settings.synchronous_mode ? 'synchronous' : 'async';
}
