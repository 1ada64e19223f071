import type { AlertName, ClusterSettings } from '../../settings';

/**
 * Label matchers that find this cluster's series where the rules run. Kubernetes and
 * Compose scrape differently, so each target passes its own; a missing matcher drops
 * the alerts that need it.
 */
export interface AlertMatchers {
  /** postgres_exporter series of the cluster, e.g. `namespace="x",pod=~"name-[0-9]+"`. */
  exporter: string;
  /**
   * Labels every alert carries (aggregations drop the series' own), so Alertmanager tells
   * the same alert of two clusters apart.
   */
  labels: Record<string, string>;
  /** PromQL giving the used fraction (0–1) of each data volume. */
  volumeUsedRatio?: string;
  /** PromQL giving the unix time of the last successful logical backup. */
  logicalBackupLastSuccess?: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}

type Builder = (
  s: ClusterSettings,
  m: AlertMatchers,
) => Omit<AlertRule, 'alert'> | undefined;

const rule = (
  expr: string,
  forDuration: string,
  severity: 'critical' | 'warning' | 'info',
  summary: string,
  description: string,
) => ({
  expr,
  for: forDuration,
  labels: { severity },
  annotations: { summary, description },
});

function backupAge(s: ClusterSettings, m: AlertMatchers) {
  const seconds =
    s.monitoring.prometheusRule.thresholds.backupMaxAgeHours * 3600;
  const checks: string[] = [];
  if (s.backup.physical.enabled) {
    checks.push(
      `max(pg_stat_archiver_last_archive_age{${m.exporter}}) > ${seconds}`,
    );
  }
  if (s.backup.logical.enabled && m.logicalBackupLastSuccess) {
    checks.push(`(time() - ${m.logicalBackupLastSuccess}) > ${seconds}`);
  }
  return checks.length > 0 ? checks.join(' or ') : undefined;
}

const BUILDERS: Record<AlertName, Builder> = {
  replicationLag: (s, m) => {
    const limit = s.monitoring.prometheusRule.thresholds.replicationLagSeconds;
    return rule(
      `max by (pod) (pg_replication_lag_seconds{${m.exporter}}) > ${limit}`,
      '5m',
      'warning',
      `${s.cluster.name}: replica lags behind`,
      `A replica replays more than ${limit}s behind the primary.`,
    );
  },
  // Every reporting instance is a replica; no series at all is no verdict (the scrape is broken).
  noLeader: (s, m) =>
    rule(
      `min(pg_replication_is_replica{${m.exporter}}) == 1`,
      '1m',
      'critical',
      `${s.cluster.name}: no leader`,
      'No instance reports itself as primary: writes are failing.',
    ),
  failoverHappened: (s, m) =>
    rule(
      `max(changes(pg_replication_is_replica{${m.exporter}}[10m])) > 0`,
      '0m',
      'info',
      `${s.cluster.name}: failover or switchover happened`,
      'An instance changed role in the last 10 minutes.',
    ),
  backupTooOld: (s, m) => {
    const expr = backupAge(s, m);
    const hours = s.monitoring.prometheusRule.thresholds.backupMaxAgeHours;
    return expr === undefined
      ? undefined
      : rule(
          expr,
          '15m',
          'warning',
          `${s.cluster.name}: backup too old`,
          `No WAL archived or logical backup taken for more than ${hours}h.`,
        );
  },
  diskNearlyFull: (s, m) => {
    const pct = s.monitoring.prometheusRule.thresholds.diskUsagePercent;
    return m.volumeUsedRatio === undefined
      ? undefined
      : rule(
          `max(${m.volumeUsedRatio}) * 100 > ${pct}`,
          '10m',
          'warning',
          `${s.cluster.name}: disk nearly full`,
          `A data volume is more than ${pct}% full.`,
        );
  },
  tooManyConnections: (s, m) => {
    const pct = s.monitoring.prometheusRule.thresholds.connectionsPercent;
    return rule(
      `max(sum by (pod, instance) (pg_stat_activity_count{${m.exporter}}) / on (pod, instance) max by (pod, instance) (pg_settings_max_connections{${m.exporter}})) * 100 > ${pct}`,
      '5m',
      'warning',
      `${s.cluster.name}: too many connections`,
      `Connections exceed ${pct}% of max_connections.`,
    );
  },
};

/** Alert rule names are prefixed so one Prometheus can watch many clusters. */
const alertName = (name: AlertName) =>
  `PostgresHa${name[0].toUpperCase()}${name.slice(1)}`;

/** The alert rules chosen in the settings, for any target's Prometheus. */
export function buildAlertRules(
  s: ClusterSettings,
  m: AlertMatchers,
): AlertRule[] {
  return s.monitoring.prometheusRule.alerts.flatMap(name => {
    const body = BUILDERS[name](s, m);
    return body
      ? [
          {
            alert: alertName(name),
            ...body,
            labels: { ...m.labels, ...body.labels },
          },
        ]
      : [];
  });
}

/**
 * Name of the operator's logical backup CronJob: `logical-backup-<cluster>`, cut to 52
 * characters and stripped of trailing `-` as the operator does (trimCronjobName).
 */
export const logicalBackupCronJobName = (s: ClusterSettings) =>
  `logical-backup-${s.cluster.name}`.slice(0, 52).replace(/-+$/, '');

/** Matchers for the kubernetes target: PodMonitor, kubelet and kube-state-metrics series. */
export function kubernetesAlertMatchers(s: ClusterSettings): AlertMatchers {
  const ns = s.cluster.namespace;
  const name = s.cluster.name;
  return {
    exporter: `namespace="${ns}",pod=~"${name}-[0-9]+"`,
    labels: { namespace: ns, cluster: name },
    volumeUsedRatio: `kubelet_volume_stats_used_bytes{namespace="${ns}",persistentvolumeclaim=~"pgdata-${name}-[0-9]+"} / kubelet_volume_stats_capacity_bytes{namespace="${ns}",persistentvolumeclaim=~"pgdata-${name}-[0-9]+"}`,
    logicalBackupLastSuccess: `kube_cronjob_status_last_successful_time{namespace="${ns}",cronjob="${logicalBackupCronJobName(
      s,
    )}"}`,
  };
}
