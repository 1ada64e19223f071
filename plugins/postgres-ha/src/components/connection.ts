import { ClusterStatus, isLeaderRole } from '@pgha/plugin-postgres-ha-common';

/** A libpq URI without user or password: the user comes from PGUSER or the Secret. */
function uri(hosts: string[], params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `postgresql://${hosts.join(',')}/postgres${query ? `?${query}` : ''}`;
}

const split = (value?: string) =>
  (value ?? '')
    .split(',')
    .map(h => h.trim())
    .filter(Boolean);

/**
 * One copyable connection string per service. Patroni clusters have no service
 * address: every member is listed and libpq picks the one in the wanted role.
 */
export function connectionStrings(status: ClusterStatus): [string, string][] {
  const { cluster, members } = status;
  const { endpoints } = cluster;
  const rows: [string, string][] = [];
  const kubernetes = cluster.source === 'kubernetes';
  const tls: Record<string, string> = kubernetes ? { sslmode: 'require' } : {};
  const memberHosts = members.flatMap(m => (m.host ? [m.host] : []));
  const primary = kubernetes ? split(endpoints.primary) : memberHosts;
  if (primary.length) {
    rows.push([
      'Primary',
      uri(primary, {
        ...tls,
        ...(primary.length > 1 ? { target_session_attrs: 'read-write' } : {}),
      }),
    ]);
  }
  const replicas = kubernetes
    ? split(endpoints.replicas)
    : members.filter(m => !isLeaderRole(m.role) && m.host).map(m => m.host!);
  if (replicas.length) {
    rows.push([
      'Replicas',
      uri(kubernetes ? replicas : memberHosts, {
        ...tls,
        ...(kubernetes ? {} : { target_session_attrs: 'prefer-standby' }),
      }),
    ]);
  }
  for (const [label, value] of [
    ['Pooler', endpoints.pooler],
    ['Pooler (replicas)', endpoints.poolerReplicas],
  ] as const) {
    if (value) rows.push([label, uri(split(value), tls)]);
  }
  return rows;
}

/** The Zalando operator's default name of the superuser's credentials Secret. */
export function credentialsSecret(status: ClusterStatus): string | undefined {
  const { source, name, namespace } = status.cluster;
  if (source !== 'kubernetes') return undefined;
  return `postgres.${name}.credentials.postgresql.acid.zalan.do${
    namespace ? ` (namespace ${namespace})` : ''
  }`;
}
