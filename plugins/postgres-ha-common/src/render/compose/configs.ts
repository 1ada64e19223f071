import type { ClusterSettings } from '../../settings';
import { buildAlertRules, type AlertMatchers } from '../kubernetes/alerts';
import { buildGrafanaDashboard } from '../kubernetes/dashboard';
import { pgAdminServers } from '../kubernetes/pgadmin';
import { toYaml } from '../shared/yaml';
import { COMPOSE_PORTS as P, exporterName, nodeNames } from './topology';

/** Series of this stack's exporters carry `cluster` and `pod` labels from the scrape config. */
export const composeAlertMatchers = (s: ClusterSettings): AlertMatchers => ({
  exporter: `job="postgres",cluster="${s.cluster.name}"`,
  labels: { cluster: s.cluster.name },
});

/** HAProxy routes to the member whose Patroni API says it is the primary (or a replica). */
export function haproxyConfig(s: ClusterSettings): string {
  const servers = (port: number) =>
    nodeNames(s).map(n => `  server ${n} ${n}:${port} check port ${P.patroni}`);
  return [
    'global',
    '  maxconn 1000',
    '',
    'defaults',
    '  mode tcp',
    '  timeout connect 5s',
    '  timeout client 30m',
    '  timeout server 30m',
    '  timeout check 3s',
    // Members may be down when HAProxy starts: resolve names through Docker's DNS later.
    '  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions init-addr last,libc,none resolvers docker',
    '',
    'resolvers docker',
    '  nameserver dns 127.0.0.11:53',
    '  hold valid 10s',
    '',
    'frontend primary',
    `  bind :${P.routerPrimary}`,
    '  default_backend primary',
    '',
    'backend primary',
    '  option httpchk GET /primary',
    '  http-check expect status 200',
    ...servers(P.postgres),
    '',
    'frontend replicas',
    `  bind :${P.routerReplicas}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /replica',
    '  http-check expect status 200',
    ...servers(P.postgres),
    '',
    'frontend stats',
    '  mode http',
    `  bind :${P.routerStats}`,
    '  stats enable',
    '  stats uri /',
    '',
  ].join('\n');
}

/** PgBouncer in front of the router; users are looked up in PostgreSQL with auth_query. */
export function pgbouncerIni(s: ClusterSettings, routerPort: number): string {
  const p = s.pooling;
  return [
    '[databases]',
    `* = host=router port=${routerPort}`,
    '',
    '[pgbouncer]',
    'listen_addr = 0.0.0.0',
    `listen_port = ${P.pgbouncer}`,
    'auth_type = scram-sha-256',
    'auth_file = /etc/pgbouncer/userlist.txt',
    'auth_user = postgres',
    'auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename=$1',
    `pool_mode = ${p.mode}`,
    `max_db_connections = ${p.maxDbConnections}`,
    'max_client_conn = 1000',
    'admin_users = postgres',
    'ignore_startup_parameters = extra_float_digits',
    'server_tls_sslmode = prefer',
    '',
  ].join('\n');
}

export function prometheusConfig(
  s: ClusterSettings,
  withRules: boolean,
): string {
  return toYaml({
    global: { scrape_interval: '15s', evaluation_interval: '15s' },
    ...(withRules && { rule_files: ['alerts.yml'] }),
    scrape_configs: [
      {
        job_name: 'postgres',
        static_configs: nodeNames(s).map(n => ({
          targets: [`${exporterName(n)}:${P.exporter}`],
          labels: { cluster: s.cluster.name, pod: n },
        })),
      },
    ],
  });
}

/** The same alert rules as the PrometheusRule, with this stack's label matchers. */
export function alertRulesFile(s: ClusterSettings): string {
  return toYaml({
    groups: [
      {
        name: `postgres-ha.compose.${s.cluster.name}`,
        rules: buildAlertRules(s, composeAlertMatchers(s)),
      },
    ],
  });
}

export const grafanaDatasource = () =>
  toYaml({
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: 'prometheus',
        type: 'prometheus',
        access: 'proxy',
        url: `http://prometheus:${P.prometheus}`,
        isDefault: true,
      },
    ],
  });

export const grafanaDashboardProvider = () =>
  toYaml({
    apiVersion: 1,
    providers: [
      {
        name: 'postgres-ha',
        type: 'file',
        disableDeletion: true,
        options: { path: '/var/lib/grafana/dashboards' },
      },
    ],
  });

/** The same dashboard JSON as the kubernetes ConfigMap, built for this stack's series. */
export const grafanaDashboard = (s: ClusterSettings) =>
  `${JSON.stringify(
    buildGrafanaDashboard(s, composeAlertMatchers(s)),
    null,
    2,
  )}\n`;

export const pgAdminServersJson = (s: ClusterSettings) =>
  `${JSON.stringify(pgAdminServers(s, 'router'), null, 2)}\n`;

const DAYS_PER: Record<string, number> = {
  day: 1,
  week: 7,
  month: 31,
  year: 365,
};

/** Days of a logical retention such as `7 days` or `3 months`. */
export function retentionDays(retention: string): number {
  const [count, unit] = retention.split(' ');
  return Number(count) * DAYS_PER[unit.replace(/s$/, '')];
}

export const LOGICAL_BACKUP_DIR = '/backups/logical';

/** busybox crond table: dump through the router's primary port, then prune old dumps. */
export function logicalBackupCrontab(s: ClusterSettings): string {
  const l = s.backup.logical;
  const job = [
    `pg_dumpall -h router -p ${P.routerPrimary} -U postgres | gzip > ${LOGICAL_BACKUP_DIR}/${s.cluster.name}-$(date -u +%Y%m%dT%H%M%SZ).sql.gz`,
    `find ${LOGICAL_BACKUP_DIR} -name '*.sql.gz' -mtime +${retentionDays(
      l.retention,
    )} -delete`,
  ].join(' && ');
  return `${l.schedule} ${job}\n`;
}
