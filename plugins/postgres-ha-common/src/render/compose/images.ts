import type { COMPOSE_PG_VERSIONS } from '../../settings';

/**
 * Images of the compose stack, pinned to exact tags of maintained images. They could not be
 * pulled here (no container engine); check them when bumping. Spilo bundles Patroni,
 * PostgreSQL 13–17 and WAL-G; PGVERSION picks the major version inside it. The settings
 * model allows compose only the majors listed in COMPOSE_PG_VERSIONS (settings/rules.ts).
 */
export const COMPOSE_IMAGES = {
  spilo: 'ghcr.io/zalando/spilo-17:4.0-p2',
  etcd: 'quay.io/coreos/etcd:v3.5.21',
  haproxy: 'haproxy:3.0.10',
  pgbouncer: 'edoburu/pgbouncer:v1.24.1-p1',
  prometheus: 'prom/prometheus:v3.4.1',
  grafana: 'grafana/grafana:12.0.2',
} as const;

/** Official PostgreSQL Alpine images (busybox crond) for logical backups, per major version. */
export const LOGICAL_BACKUP_IMAGES: Record<
  (typeof COMPOSE_PG_VERSIONS)[number],
  string
> = {
  14: 'postgres:14.18-alpine',
  15: 'postgres:15.13-alpine',
  16: 'postgres:16.9-alpine',
  17: 'postgres:17.5-alpine',
};
