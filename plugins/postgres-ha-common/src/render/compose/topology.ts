import type { ClusterSettings } from '../../settings';

/** One Patroni member per `topology.instances`: pg-0, pg-1, … */
export const nodeNames = (s: ClusterSettings) =>
  Array.from({ length: s.topology.instances }, (_, i) => `pg-${i}`);
export const exporterName = (node: string) => `exporter-${node}`;

/** Ports inside the compose network; published ones are bound to 127.0.0.1 only. */
export const COMPOSE_PORTS = {
  postgres: 5432,
  patroni: 8008,
  routerPrimary: 5432,
  routerReplicas: 5433,
  routerStats: 8404,
  pgbouncer: 6432,
  exporter: 9187,
  prometheus: 9090,
  grafana: 3000,
  pgAdmin: 80,
} as const;

/** Where config files live in the output and inside the containers. */
export const CONFIG_FILES = {
  haproxy: 'config/haproxy/haproxy.cfg',
  pgbouncerPrimary: 'config/pgbouncer/primary.ini',
  pgbouncerReplica: 'config/pgbouncer/replica.ini',
  prometheus: 'config/prometheus/prometheus.yml',
  alerts: 'config/prometheus/alerts.yml',
  datasource: 'config/grafana/provisioning/datasources/prometheus.yml',
  dashboardProvider: 'config/grafana/provisioning/dashboards/provider.yml',
  dashboard: 'config/grafana/dashboards/postgres-ha.json',
  pgAdminServers: 'config/pgadmin/servers.json',
  crontab: 'config/backup/crontab',
  databases: 'config/databases/init.sql',
} as const;
