import type { ClusterSettings } from '../../settings';
import { quantityValue } from '../../settings/quantity';
import { buildPostgresql } from '../kubernetes/postgresql';
import { walgEnv, GCS_KEY_DIR } from '../kubernetes/walg';
import type { ComposeSecrets } from './env';
import { COMPOSE_IMAGES as IMG, LOGICAL_BACKUP_IMAGES } from './images';
import {
  CONFIG_FILES as F,
  COMPOSE_PORTS as P,
  exporterName,
  nodeNames,
} from './topology';
import { LOGICAL_BACKUP_DIR } from './configs';
import {
  DATABASES_SERVICE,
  databasesService,
  ownerPasswords,
} from './databases';
import {
  WALG_INIT_SERVICE,
  WALG_VOLUME,
  usesLocalWalg,
  walgInitService,
  walgLocalMemberEnv,
  walgLocalMounts,
  walgLocalPatroni,
} from './walgLocal';

type Service = Record<string, unknown>;
const local = (port: number, target = port) => `127.0.0.1:${port}:${target}`;
const mount = (file: string, target: string) => `./${file}:${target}:ro`;
const PGDATA = '/home/postgres/pgdata';
/** Where the logical backup table is mounted; crond reads the copy `crontab` installs. */
const CRONTAB_MOUNT = '/etc/pgha/crontab';

/**
 * Patroni's bootstrap DCS settings: the same timing, replication and parameters as on
 * Kubernetes; with the local store also the members' archive and restore commands.
 * Spilo writes its own shared_buffers (and archive_command) into the members' local
 * `postgresql.parameters`, which Patroni prefers to the DCS; values given here win Spilo's
 * merge (configure_spilo.py deep_update), so the parameters go to both places.
 */
function spiloConfiguration(s: ClusterSettings): string {
  const spec = buildPostgresql(s).spec as {
    patroni: Record<string, unknown>;
    postgresql: { parameters: Record<string, string> };
  };
  const parameters = spec.postgresql.parameters;
  const walg = usesLocalWalg(s) ? walgLocalPatroni().postgresql : undefined;
  const localParameters = { ...parameters, ...walg?.parameters };
  return JSON.stringify({
    bootstrap: { dcs: { ...spec.patroni, postgresql: { parameters } } },
    ...(Object.keys(localParameters).length > 0 && {
      postgresql: { ...walg, parameters: localParameters },
    }),
  });
}

/** WAL-G settings of the kubernetes target, with Secret references swapped for `.env` variables. */
function backupEnv(
  s: ClusterSettings,
  secrets: ComposeSecrets,
): Record<string, unknown> {
  if (usesLocalWalg(s)) return walgLocalMemberEnv(s);
  const env: Record<string, unknown> = {};
  const byKey: Record<string, unknown> = {
    AWS_ACCESS_KEY_ID: secrets.awsAccessKeyId,
    AWS_SECRET_ACCESS_KEY: secrets.awsSecretAccessKey,
    AZURE_STORAGE_ACCOUNT: secrets.azureAccount,
    AZURE_STORAGE_ACCESS_KEY: secrets.azureKey,
  };
  for (const e of walgEnv(s))
    env[e.name] = 'value' in e ? e.value : byKey[e.name];
  return env;
}

/** Memory for Compose (go-units: `m` is MiB), from a Kubernetes quantity. */
function composeMemory(quantity: string): string {
  const bytes = Math.round(quantityValue(quantity));
  return bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20}m` : `${bytes}b`;
}

/**
 * The members' resources: limits cap the container (Spilo sizes shared_buffers from the
 * memory limit, as on Kubernetes), requests become reservations.
 */
function memberResources(s: ClusterSettings) {
  const compose = (r: { cpu: string; memory: string }) => ({
    cpus: quantityValue(r.cpu),
    memory: composeMemory(r.memory),
  });
  return {
    limits: compose(s.resources.limits),
    reservations: compose(s.resources.requests),
  };
}

function node(
  s: ClusterSettings,
  name: string,
  secrets: ComposeSecrets,
): Service {
  const p = s.backup.physical;
  return {
    image: IMG.spilo,
    hostname: name,
    restart: 'unless-stopped',
    deploy: { resources: memberResources(s) },
    environment: {
      SCOPE: s.cluster.name,
      // Otherwise Spilo asks cloud metadata for the address: on a cloud host all members get one.
      SPILO_PROVIDER: 'local',
      PGVERSION: String(s.postgresql.version),
      ETCD3_HOSTS: "'etcd:2379'",
      PGUSER_SUPERUSER: 'postgres',
      PGPASSWORD_SUPERUSER: secrets.superuserPassword,
      PGUSER_STANDBY: 'standby',
      PGPASSWORD_STANDBY: secrets.replicationPassword,
      SPILO_CONFIGURATION: spiloConfiguration(s),
      ...backupEnv(s, secrets),
    },
    volumes: [
      `${name}-data:${PGDATA}`,
      ...(usesLocalWalg(s) ? walgLocalMounts(s) : []),
      ...(p.enabled && p.store === 'gcs'
        ? [
            {
              type: 'bind',
              source: secrets.gcsKeyFile,
              target: `${GCS_KEY_DIR}/key.json`,
              read_only: true,
            },
          ]
        : []),
    ],
    depends_on: {
      etcd: { condition: 'service_started' },
      ...(usesLocalWalg(s) && {
        [WALG_INIT_SERVICE]: { condition: 'service_completed_successfully' },
      }),
    },
    healthcheck: {
      test: ['CMD', 'curl', '-fsS', `http://localhost:${P.patroni}/health`],
      interval: '10s',
      timeout: '5s',
      retries: 5,
      start_period: '60s',
    },
    labels: {
      'io.pgha.cluster': s.cluster.name,
      'io.pgha.description': s.cluster.description,
    },
  };
}

function pgbouncer(
  config: string,
  secrets: ComposeSecrets,
  port: number,
): Service {
  return {
    image: IMG.pgbouncer,
    restart: 'unless-stopped',
    // The image writes userlist.txt for DB_USER when none is mounted; auth_query finds the rest.
    environment: {
      DB_USER: 'postgres',
      DB_PASSWORD: secrets.superuserPassword,
      AUTH_TYPE: 'scram-sha-256',
    },
    volumes: [mount(config, '/etc/pgbouncer/pgbouncer.ini')],
    ports: [local(port, P.pgbouncer)],
    depends_on: ['router'],
  };
}

function monitoring(
  s: ClusterSettings,
  secrets: ComposeSecrets,
): Record<string, Service> {
  const m = s.monitoring;
  if (!m.exporter.enabled) return {};
  const exporters = Object.fromEntries(
    nodeNames(s).map(n => [
      exporterName(n),
      {
        image: m.exporter.image,
        restart: 'unless-stopped',
        environment: {
          DATA_SOURCE_URI: `${n}:${P.postgres}/postgres?sslmode=require`,
          DATA_SOURCE_USER: 'postgres',
          DATA_SOURCE_PASS: secrets.superuserPassword,
        },
        depends_on: [n],
      },
    ]),
  );
  const rules = m.prometheusRule.enabled;
  return {
    ...exporters,
    prometheus: {
      image: IMG.prometheus,
      restart: 'unless-stopped',
      volumes: [
        mount(F.prometheus, '/etc/prometheus/prometheus.yml'),
        ...(rules ? [mount(F.alerts, '/etc/prometheus/alerts.yml')] : []),
      ],
      ports: [local(P.prometheus)],
    },
    ...(m.grafanaDashboard && {
      grafana: {
        image: IMG.grafana,
        restart: 'unless-stopped',
        environment: { GF_SECURITY_ADMIN_PASSWORD: secrets.grafanaPassword },
        volumes: [
          mount(
            F.datasource,
            '/etc/grafana/provisioning/datasources/prometheus.yml',
          ),
          mount(
            F.dashboardProvider,
            '/etc/grafana/provisioning/dashboards/provider.yml',
          ),
          mount(F.dashboard, '/var/lib/grafana/dashboards/postgres-ha.json'),
        ],
        ports: [local(P.grafana)],
        depends_on: ['prometheus'],
      },
    }),
  };
}

function extras(
  s: ClusterSettings,
  secrets: ComposeSecrets,
): Record<string, Service> {
  const services: Record<string, Service> = {};
  if (s.monitoring.pgAdmin.enabled) {
    services.pgadmin = {
      image: s.monitoring.pgAdmin.image,
      restart: 'unless-stopped',
      environment: {
        PGADMIN_DEFAULT_EMAIL: secrets.pgAdminEmail,
        PGADMIN_DEFAULT_PASSWORD: secrets.pgAdminPassword,
        PGADMIN_SERVER_JSON_FILE: '/pgadmin4/servers.json',
      },
      volumes: [mount(F.pgAdminServers, '/pgadmin4/servers.json')],
      ports: [local(8080, P.pgAdmin)],
    };
  }
  if (s.databases.length > 0) {
    services[DATABASES_SERVICE] = databasesService(
      s,
      secrets.superuserPassword,
      ownerPasswords(s),
    );
  }
  if (s.backup.logical.enabled) {
    services['logical-backup'] = {
      image:
        LOGICAL_BACKUP_IMAGES[
          s.postgresql.version as keyof typeof LOGICAL_BACKUP_IMAGES
        ],
      restart: 'unless-stopped',
      environment: { PGPASSWORD: secrets.superuserPassword },
      // crond jobs do not inherit the environment: hand the password over in ~/.pgpass.
      // busybox crond skips a crontab root does not own, and a bind mount keeps the host's
      // owner: `crontab` installs a root-owned copy of the mounted table.
      command: [
        'sh',
        '-c',
        `echo "*:*:*:postgres:$PGPASSWORD" > /root/.pgpass && chmod 600 /root/.pgpass && mkdir -p ${LOGICAL_BACKUP_DIR} && crontab ${CRONTAB_MOUNT} && exec crond -f -l 8`,
      ],
      volumes: [mount(F.crontab, CRONTAB_MOUNT), 'backups:/backups'],
      depends_on: ['router'],
    };
  }
  return services;
}

/** The compose model before interpolation escaping (see interpolation.ts). */
export function buildComposeModel(s: ClusterSettings, secrets: ComposeSecrets) {
  const nodes = nodeNames(s);
  return {
    name: s.cluster.name,
    services: {
      etcd: {
        image: IMG.etcd,
        restart: 'unless-stopped',
        command: [
          'etcd',
          '--name=etcd',
          '--data-dir=/etcd-data',
          '--listen-client-urls=http://0.0.0.0:2379',
          '--advertise-client-urls=http://etcd:2379',
          '--enable-v2=false',
        ],
        volumes: ['etcd-data:/etcd-data'],
      },
      ...(usesLocalWalg(s) && { [WALG_INIT_SERVICE]: walgInitService() }),
      ...Object.fromEntries(nodes.map(n => [n, node(s, n, secrets)])),
      router: {
        image: IMG.haproxy,
        restart: 'unless-stopped',
        volumes: [mount(F.haproxy, '/usr/local/etc/haproxy/haproxy.cfg')],
        ports: [
          local(P.routerPrimary),
          local(P.routerReplicas),
          local(P.routerStats),
        ],
        depends_on: nodes,
      },
      ...(s.pooling.primary && {
        pgbouncer: pgbouncer(F.pgbouncerPrimary, secrets, P.pgbouncer),
      }),
      ...(s.pooling.replica && {
        'pgbouncer-replicas': pgbouncer(
          F.pgbouncerReplica,
          secrets,
          P.pgbouncer + 1,
        ),
      }),
      ...monitoring(s, secrets),
      ...extras(s, secrets),
    },
    volumes: Object.fromEntries(
      [
        'etcd-data',
        ...nodes.map(n => `${n}-data`),
        ...(s.backup.logical.enabled ? ['backups'] : []),
        ...(usesLocalWalg(s) ? [WALG_VOLUME] : []),
      ].map(v => [v, {}]),
    ),
  };
}
