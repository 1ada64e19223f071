import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionMetadata } from './labels';
import type { AlertMatchers } from './alerts';

interface Panel {
  title: string;
  expr: string;
  unit: string;
  kind: 'stat' | 'timeseries';
}

function panels(m: AlertMatchers): Panel[] {
  const sel = `{${m.exporter}}`;
  return [
    {
      title: 'Primary up',
      kind: 'stat',
      unit: 'short',
      expr: `count(pg_replication_is_replica${sel} == 0)`,
    },
    {
      title: 'Replicas',
      kind: 'stat',
      unit: 'short',
      expr: `count(pg_replication_is_replica${sel} == 1)`,
    },
    {
      title: 'Replication lag',
      kind: 'timeseries',
      unit: 's',
      expr: `pg_replication_lag_seconds${sel}`,
    },
    {
      title: 'Connections',
      kind: 'timeseries',
      unit: 'short',
      expr: `sum by (pod, instance) (pg_stat_activity_count${sel})`,
    },
    {
      title: 'Transactions per second',
      kind: 'timeseries',
      unit: 'ops',
      expr: `sum(rate(pg_stat_database_xact_commit${sel}[5m]))`,
    },
    {
      title: 'Seconds since last WAL archived',
      kind: 'timeseries',
      unit: 's',
      expr: `max(pg_stat_archiver_last_archive_age${sel})`,
    },
    ...(m.volumeUsedRatio
      ? [
          {
            title: 'Data volume used',
            kind: 'timeseries' as const,
            unit: 'percentunit',
            expr: m.volumeUsedRatio,
          },
        ]
      : []),
  ];
}

/** FNV-1a (32 bit) of a text, as 8 hex digits: isomorphic, no crypto module needed. */
function fnv1a(text: string, seed = 0x811c9dc5): string {
  let hash = seed;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Grafana uids are unique per Grafana and at most 40 characters: the cluster name for
 * reading, plus a hash of namespace and name, so equal names in two namespaces differ.
 */
export function dashboardUid(s: ClusterSettings): string {
  const key = `${s.cluster.namespace}/${s.cluster.name}`;
  return `pgha-${s.cluster.name.slice(0, 17)}-${fnv1a(key)}${fnv1a(
    key,
    0x01234567,
  )}`;
}

/** A Grafana dashboard (JSON model) for one cluster; any target can provision it. */
export function buildGrafanaDashboard(s: ClusterSettings, m: AlertMatchers) {
  return {
    title: `PostgreSQL HA: ${s.cluster.namespace}/${s.cluster.name}`,
    uid: dashboardUid(s),
    tags: ['postgres-ha'],
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }],
    },
    panels: panels(m).map((p, i) => ({
      id: i + 1,
      type: p.kind,
      title: p.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: [{ refId: 'A', expr: p.expr }],
    })),
  };
}

/** The dashboard as a ConfigMap the Grafana sidecar picks up by its label. */
export function buildDashboardConfigMap(
  s: ClusterSettings,
  m: AlertMatchers,
): KubeObject {
  const metadata = companionMetadata(s, '-dashboard', 'monitoring');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, grafana_dashboard: '1' },
    },
    data: {
      [`postgres-ha-${s.cluster.name}.json`]: JSON.stringify(
        buildGrafanaDashboard(s, m),
        null,
        2,
      ),
    },
  };
}
