import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionLabels, spiloSelector } from './labels';
import { walgEnv, walgVolumes } from './walg';
import { cloneEnv, cloneSpec, cloneVolumes } from './clone';
import { exporterSidecar } from './exporter';

/** Seconds after which a partly filled WAL segment is archived when PITR is on. */
const PITR_ARCHIVE_TIMEOUT = '60s';

function patroni(s: ClusterSettings) {
  const t = s.topology;
  return {
    ttl: t.patroni.ttl,
    loop_wait: t.patroni.loopWait,
    retry_timeout: t.patroni.retryTimeout,
    maximum_lag_on_failover: t.maximumLagOnFailover,
    synchronous_mode: t.replication !== 'async',
    synchronous_mode_strict: t.replication === 'synchronous-strict',
    ...(t.replication !== 'async' && {
      synchronous_node_count: t.synchronousNodeCount,
    }),
  };
}

/** The server parameters the `postgresql` object carries (the settings' plus what PITR needs). */
export function postgresqlParameters(s: ClusterSettings) {
  const params: Record<string, string> = { ...s.postgresql.parameters };
  if (s.backup.pitr && params.archive_timeout === undefined) {
    params.archive_timeout = PITR_ARCHIVE_TIMEOUT;
  }
  return params;
}

/** Databases map to their owners; owners become operator-managed roles without extra flags. */
function usersAndDatabases(s: ClusterSettings) {
  if (s.databases.length === 0) return {};
  return {
    users: Object.fromEntries(s.databases.map(db => [db.owner, []])),
    databases: Object.fromEntries(s.databases.map(db => [db.name, db.owner])),
  };
}

function pooler(s: ClusterSettings) {
  const p = s.pooling;
  if (!p.primary && !p.replica) return {};
  return {
    enableConnectionPooler: p.primary,
    enableReplicaConnectionPooler: p.replica,
    connectionPooler: {
      numberOfInstances: p.instances,
      mode: p.mode,
      maxDBConnections: p.maxDbConnections,
    },
  };
}

function tls(s: ClusterSettings) {
  const t = s.security.tls;
  if (t.mode === 'none') return {};
  const secretName = t.secretName ?? `${s.cluster.name}-tls`;
  const ca =
    t.mode === 'cert-manager'
      ? { caFile: 'ca.crt' }
      : t.caSecretName && { caSecretName: t.caSecretName, caFile: 'ca.crt' };
  // Spilo reads the mounted key as group 103 (the image's postgres group).
  return { tls: { secretName, ...ca }, spiloFSGroup: 103 };
}

/**
 * One pod per node: the postgresql CRD has no per-cluster podAntiAffinity, but passes
 * topologySpreadConstraints through. `required` adds minDomains = instances, so while fewer
 * nodes hold members the scheduler counts the global minimum as 0 and puts at most maxSkew
 * (1) member on a node; without it two of three members may share a node.
 */
function spread(s: ClusterSettings) {
  const mode = s.scheduling.podAntiAffinity;
  if (mode === 'none') return {};
  return {
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        ...(mode === 'required'
          ? {
              whenUnsatisfiable: 'DoNotSchedule',
              minDomains: s.topology.instances,
            }
          : { whenUnsatisfiable: 'ScheduleAnyway' }),
        labelSelector: { matchLabels: spiloSelector(s) },
      },
    ],
  };
}

function backups(s: ClusterSettings) {
  const env = [...walgEnv(s), ...cloneEnv(s)];
  const volumes = [...walgVolumes(s), ...cloneVolumes(s)];
  const l = s.backup.logical;
  return {
    ...(env.length > 0 && { env }),
    ...(volumes.length > 0 && { additionalVolumes: volumes }),
    ...(l.enabled && {
      enableLogicalBackup: true,
      logicalBackupSchedule: l.schedule,
      logicalBackupRetention: l.retention,
    }),
  };
}

function exposure(s: ClusterSettings) {
  const { loadBalancers, allowedSourceRanges } = s.security;
  return {
    ...(loadBalancers.primary && { enableMasterLoadBalancer: true }),
    ...(loadBalancers.replica && { enableReplicaLoadBalancer: true }),
    ...(allowedSourceRanges.length > 0 && { allowedSourceRanges }),
  };
}

/** The `postgresql` custom resource (acid.zalan.do/v1) the Zalando operator reconciles. */
export function buildPostgresql(s: ClusterSettings): KubeObject {
  const sched = s.scheduling;
  return {
    apiVersion: 'acid.zalan.do/v1',
    kind: 'postgresql',
    metadata: {
      name: s.cluster.name,
      namespace: s.cluster.namespace,
      labels: companionLabels(s, 'database'),
    },
    spec: {
      teamId: s.cluster.team,
      numberOfInstances: s.topology.instances,
      postgresql: {
        version: String(s.postgresql.version),
        parameters: postgresqlParameters(s),
      },
      volume: {
        size: s.storage.size,
        ...(s.storage.storageClass && { storageClass: s.storage.storageClass }),
      },
      resources: {
        requests: { ...s.resources.requests },
        limits: { ...s.resources.limits },
      },
      patroni: patroni(s),
      ...usersAndDatabases(s),
      ...pooler(s),
      ...backups(s),
      ...tls(s),
      ...spread(s),
      ...exposure(s),
      ...(sched.tolerations.length > 0 && { tolerations: sched.tolerations }),
      ...(sched.maintenanceWindows.length > 0 && {
        maintenanceWindows: sched.maintenanceWindows,
      }),
      ...(s.monitoring.exporter.enabled && { sidecars: [exporterSidecar(s)] }),
      ...(s.clone && { clone: cloneSpec(s) }),
    },
  };
}
