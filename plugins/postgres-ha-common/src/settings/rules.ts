import { z } from 'zod';
import type { ClusterSettings } from './schema';
import {
  CLUSTER_NAME_MAX_WITH_REPLICA_POOLER,
  OPERATOR_SCHEDULE,
} from './names';
import { quantityValue } from './quantity';
import { parameterBytes } from './parameters';
import { checkCron } from './cron';
import { spiloRetention } from './retention';

type Ctx = z.RefinementCtx;

const fail = (ctx: Ctx, path: (string | number)[], message: string) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

/** PostgreSQL majors by operator line; older majors name the last line that ran them. */
export const SUPPORTED_PG_VERSIONS = [14, 15, 16, 17, 18] as const;
/**
 * Majors the compose target runs: its pinned Spilo image (spilo-17) ships PostgreSQL up
 * to 17 and PGVERSION only picks one of those; 18 waits for a Spilo image with 18.
 */
export const COMPOSE_PG_VERSIONS = [14, 15, 16, 17] as const;
const LAST_OPERATOR_FOR: Record<number, string> = { 12: 'v1.13', 13: 'v1.15' };

function checkVersions(s: ClusterSettings, ctx: Ctx) {
  if (!/^v2(\.|$)/.test(s.operatorVersion)) {
    fail(
      ctx,
      ['operatorVersion'],
      'only operator v2.x is supported (e.g. v2.x or v2.0.1)',
    );
    return;
  }
  const v = s.postgresql.version;
  if ((SUPPORTED_PG_VERSIONS as readonly number[]).includes(v)) {
    if (
      s.target === 'compose' &&
      !(COMPOSE_PG_VERSIONS as readonly number[]).includes(v)
    ) {
      fail(
        ctx,
        ['postgresql', 'version'],
        `PostgreSQL ${v} is not available for the compose target (allowed: 14–17): the Spilo image the compose stack pins ships PostgreSQL up to 17; use 17, or the kubernetes or helm target for ${v}`,
      );
    }
    return;
  }
  const last = LAST_OPERATOR_FOR[v];
  fail(
    ctx,
    ['postgresql', 'version'],
    last
      ? `PostgreSQL ${v} is not supported by operator v2.x (allowed: 14–18); the last operator line that runs it is ${last} (${v} needs operator ≤ ${last})`
      : `PostgreSQL ${v} is not supported by operator v2.x; allowed: 14–18`,
  );
}

function checkTopology(s: ClusterSettings, ctx: Ctx) {
  const { instances, replication, synchronousNodeCount, patroni } = s.topology;
  if (replication !== 'async' && instances < 2) {
    fail(
      ctx,
      ['topology', 'instances'],
      `${replication} replication needs at least 2 instances`,
    );
  }
  if (
    replication === 'synchronous-strict' &&
    instances <= synchronousNodeCount
  ) {
    fail(
      ctx,
      ['topology', 'synchronousNodeCount'],
      `synchronous-strict needs more instances (${instances}) than synchronous nodes (${synchronousNodeCount}), or writes stop when one standby is down`,
    );
  }
  if (patroni.loopWait + 2 * patroni.retryTimeout > patroni.ttl) {
    fail(
      ctx,
      ['topology', 'patroni', 'ttl'],
      `must be at least loopWait + 2 × retryTimeout (${
        patroni.loopWait + 2 * patroni.retryTimeout
      })`,
    );
  }
}

type ObjectStore = Pick<
  ClusterSettings['backup']['physical'],
  'bucket' | 'credentialsSecret' | 'endpoint' | 'region' | 'forcePathStyle'
> & { store: string };

/** A WAL-G object store needs a bucket, a credentials Secret and, on S3, a region or endpoint. */
function checkStoreAccess(
  store: ObjectStore,
  path: string[],
  what: string,
  ctx: Ctx,
) {
  if (!store.bucket)
    fail(ctx, [...path, 'bucket'], `is required for ${store.store} ${what}`);
  if (!store.credentialsSecret) {
    fail(
      ctx,
      [...path, 'credentialsSecret'],
      `is required for ${store.store} ${what}: name an existing Secret with the store credentials`,
    );
  }
  if (store.store === 's3' && !store.region && !store.endpoint) {
    fail(
      ctx,
      [...path, 'region'],
      `is required for s3 ${what} without an endpoint: Spilo would otherwise guess the region from the host name (and get a wrong one such as "loca"); give the bucket's region, or the endpoint of an S3-compatible store`,
    );
  }
}

function checkS3Only(store: ObjectStore, path: string[], ctx: Ctx) {
  if (store.store === 's3') return;
  for (const field of ['endpoint', 'region', 'forcePathStyle'] as const) {
    if (store[field]) fail(ctx, [...path, field], 'applies to s3 only');
  }
}

function checkBackups(s: ClusterSettings, ctx: Ctx) {
  const p = s.backup.physical;
  const path = ['backup', 'physical'];
  if (p.enabled && p.store === 'local' && s.target !== 'compose') {
    fail(
      ctx,
      [...path, 'store'],
      `local backups exist only for the compose target; use s3, gcs or azure for ${s.target}`,
    );
  }
  if (p.enabled && p.store !== 'local')
    checkStoreAccess(p, path, 'backups', ctx);
  if (
    p.enabled &&
    !checkCron(p.schedule) &&
    !spiloRetention(p.schedule, p.retention).prunes
  ) {
    fail(
      ctx,
      [...path, 'schedule'],
      `runs too rarely for retention ${p.retention}: Spilo deletes old base backups only when at least ${p.retention} are younger than ${p.retention} days, so it would never delete any; run base backups at least daily (e.g. 0 1 * * *) or lower backup.physical.retention`,
    );
  }
  checkS3Only(p, path, ctx);
  if (s.backup.pitr && !p.enabled) {
    fail(
      ctx,
      ['backup', 'pitr'],
      'point-in-time recovery needs WAL archiving: enable backup.physical (store s3, gcs or azure; local on the compose target)',
    );
  }
  const logical = s.backup.logical;
  if (
    logical.enabled &&
    s.target !== 'compose' &&
    !OPERATOR_SCHEDULE.test(logical.schedule)
  ) {
    fail(
      ctx,
      ['backup', 'logical', 'schedule'],
      'the operator accepts only numbers, * and */N in each field (no ranges, lists or names), e.g. 30 0 * * *',
    );
  }
}

function checkNames(s: ClusterSettings, ctx: Ctx) {
  if (
    s.pooling.replica &&
    s.cluster.name.length > CLUSTER_NAME_MAX_WITH_REPLICA_POOLER
  ) {
    fail(
      ctx,
      ['cluster', 'name'],
      `must be at most ${CLUSTER_NAME_MAX_WITH_REPLICA_POOLER} characters with a replica pooler (the service <name>-pooler-repl must fit 63)`,
    );
  }
  const seen = new Set<string>();
  const reservedDbs = new Set(['postgres', 'template0', 'template1']);
  const reservedRoles = new Set([
    'postgres',
    'standby',
    'admin',
    'pooler',
    'cron_admin',
    'robot_zmon',
  ]);
  s.databases.forEach((db, i) => {
    if (seen.has(db.name))
      fail(
        ctx,
        ['databases', i, 'name'],
        `database "${db.name}" is listed twice`,
      );
    seen.add(db.name);
    if (reservedDbs.has(db.name))
      fail(
        ctx,
        ['databases', i, 'name'],
        `"${db.name}" is a built-in database`,
      );
    if (reservedRoles.has(db.owner)) {
      fail(
        ctx,
        ['databases', i, 'owner'],
        `"${db.owner}" is a system role the operator manages; choose another owner`,
      );
    }
  });
}

function checkResources(s: ClusterSettings, ctx: Ctx) {
  for (const kind of ['cpu', 'memory'] as const) {
    const request = quantityValue(s.resources.requests[kind]);
    const limit = quantityValue(s.resources.limits[kind]);
    if (request > limit) {
      fail(
        ctx,
        ['resources', 'requests', kind],
        `must not exceed resources.limits.${kind} (${s.resources.limits[kind]})`,
      );
    }
  }
  const sharedBuffers = s.postgresql.parameters.shared_buffers;
  const limit = quantityValue(s.resources.limits.memory);
  if ((parameterBytes('shared_buffers', sharedBuffers) ?? 0) >= limit) {
    fail(
      ctx,
      ['postgresql', 'parameters', 'shared_buffers'],
      `must be below resources.limits.memory (${s.resources.limits.memory}), or PostgreSQL cannot allocate it; about a quarter of the limit is usual`,
    );
  }
  s.scheduling.tolerations.forEach((t, i) => {
    if (t.operator === 'Exists' && t.value !== undefined) {
      fail(
        ctx,
        ['scheduling', 'tolerations', i, 'value'],
        'must be empty when operator is Exists',
      );
    }
    if (t.operator === 'Equal' && !t.key) {
      fail(
        ctx,
        ['scheduling', 'tolerations', i, 'key'],
        'is required when operator is Equal',
      );
    }
  });
}

function checkSecurityAndMonitoring(s: ClusterSettings, ctx: Ctx) {
  const { tls, loadBalancers, allowedSourceRanges } = s.security;
  if (tls.mode === 'secret' && !tls.secretName) {
    fail(
      ctx,
      ['security', 'tls', 'secretName'],
      'is required when tls.mode is secret',
    );
  }
  if (tls.mode === 'cert-manager' && !tls.issuer) {
    fail(
      ctx,
      ['security', 'tls', 'issuer'],
      'is required when tls.mode is cert-manager',
    );
  }
  if (tls.mode === 'cert-manager' && s.target === 'compose') {
    fail(
      ctx,
      ['security', 'tls', 'mode'],
      'cert-manager exists only on Kubernetes; use none for compose',
    );
  }
  if (tls.mode !== 'cert-manager' && tls.issuer) {
    fail(
      ctx,
      ['security', 'tls', 'issuer'],
      'applies only when tls.mode is cert-manager',
    );
  }
  if (
    allowedSourceRanges.length > 0 &&
    !loadBalancers.primary &&
    !loadBalancers.replica
  ) {
    fail(
      ctx,
      ['security', 'allowedSourceRanges'],
      'applies to load balancers only: enable security.loadBalancers.primary or .replica',
    );
  }
  s.security.networkPolicy.allowedPeers.forEach((peer, i) => {
    if (!peer.cidr && !peer.namespaceLabels && !peer.podLabels) {
      fail(
        ctx,
        ['security', 'networkPolicy', 'allowedPeers', i],
        'needs namespaceLabels, podLabels or cidr',
      );
    }
    if (peer.cidr && (peer.namespaceLabels || peer.podLabels)) {
      fail(
        ctx,
        ['security', 'networkPolicy', 'allowedPeers', i, 'cidr'],
        'cannot be combined with labels; use a separate peer',
      );
    }
  });
  const m = s.monitoring;
  if (
    m.exporter.enabled &&
    (m.prometheusRule.enabled || m.grafanaDashboard) &&
    exporterTooOld(m.exporter.image)
  ) {
    fail(
      ctx,
      ['monitoring', 'exporter', 'image'],
      'the alert rules and dashboard read pg_replication_is_replica and pg_replication_lag_seconds, which postgres_exporter serves from v0.13.0 on: use v0.13.0 or later (default v0.17.1)',
    );
  }
  if (!m.exporter.enabled) {
    if (m.podMonitor)
      fail(
        ctx,
        ['monitoring', 'podMonitor'],
        'needs monitoring.exporter.enabled',
      );
    if (m.prometheusRule.enabled)
      fail(
        ctx,
        ['monitoring', 'prometheusRule', 'enabled'],
        'needs monitoring.exporter.enabled',
      );
    if (m.grafanaDashboard)
      fail(
        ctx,
        ['monitoring', 'grafanaDashboard'],
        'needs monitoring.exporter.enabled',
      );
  }
  if (
    new Set(m.prometheusRule.alerts).size !== m.prometheusRule.alerts.length
  ) {
    fail(
      ctx,
      ['monitoring', 'prometheusRule', 'alerts'],
      'lists an alert twice',
    );
  }
}

/** True for a `0.x` postgres_exporter tag before 0.13 (without its replication collector). */
function exporterTooOld(image: string): boolean {
  const tag = /:v?0\.(\d+)(?:\.\d+)*(?:-[\w.]+)?(?:@sha256:[a-f0-9]+)?$/.exec(
    image,
  );
  return tag !== null && Number(tag[1]) < 13;
}

/** A point-in-time clone reads the source's WAL archive, so it must say where that is. */
function checkClone(s: ClusterSettings, ctx: Ctx) {
  if (!s.clone) return;
  if (s.target === 'compose') {
    fail(
      ctx,
      ['clone'],
      'cloning is a postgres-operator feature: use the kubernetes or helm target',
    );
  }
  if (!s.clone.source) {
    fail(
      ctx,
      ['clone', 'source'],
      `is required for a point-in-time clone: give the store, bucket and credentials Secret where cluster ${s.clone.cluster} archives its WAL (its backup.physical settings)`,
    );
    return;
  }
  const path = ['clone', 'source'];
  checkStoreAccess(s.clone.source, path, 'clone sources', ctx);
  checkS3Only(s.clone.source, path, ctx);
  const own = s.backup.physical;
  const ownArchive = archiveOf(own, s.cluster.name);
  if (
    own.enabled &&
    ownArchive === archiveOf(s.clone.source, s.clone.cluster)
  ) {
    fail(
      ctx,
      [...path, 'prefix'],
      `is where this cluster archives its own backups (${ownArchive}): its pruning would delete the source's base backups; give backup.physical.prefix (or bucket) another value`,
    );
  }
}

/** Where a WAL-G store keeps a cluster's archive; the prefix defaults to spilo/<cluster>. */
function archiveOf(store: ObjectStore & { prefix?: string }, cluster: string) {
  const endpoint = store.endpoint ? ` at ${store.endpoint}` : '';
  return `${store.store}://${store.bucket}/${
    store.prefix ?? `spilo/${cluster}`
  }${endpoint}`;
}

/**
 * The operator gives each PgBouncer pod maxDbConnections / instances server connections, a
 * pool of half that and min/reserve pools of a quarter, in integer division: below 4 per pod
 * they round to 0 and the pooler cannot serve.
 */
function checkPooling(s: ClusterSettings, ctx: Ctx) {
  const { primary, replica, instances, maxDbConnections } = s.pooling;
  if ((primary || replica) && maxDbConnections < 4 * instances) {
    fail(
      ctx,
      ['pooling', 'maxDbConnections'],
      `must be at least 4 × pooling.instances (${
        4 * instances
      }): the operator splits it over the ${instances} PgBouncer pods and sizes their pools at a half and a quarter of each share, which would round to 0`,
    );
  }
}

/** Cross-field rules; each issue names the field to change and what is allowed. */
export function applyClusterRules(s: ClusterSettings, ctx: Ctx): void {
  checkVersions(s, ctx);
  checkTopology(s, ctx);
  checkBackups(s, ctx);
  checkClone(s, ctx);
  checkNames(s, ctx);
  checkPooling(s, ctx);
  checkResources(s, ctx);
  checkSecurityAndMonitoring(s, ctx);
  checkComposeHolds(s, ctx);
}

// ---- Settings the compose target cannot hold (render/compose; issue 10, item 9) ----

/** Kubernetes-only settings are refused for compose rather than silently dropped. */
function checkComposeHolds(s: ClusterSettings, ctx: Ctx) {
  if (s.target !== 'compose') return;
  const refuse = (path: string[], what: string) =>
    fail(
      ctx,
      path,
      `${what}; compose cannot hold it: remove it, or use the kubernetes or helm target`,
    );
  if (s.security.tls.mode === 'secret') {
    refuse(
      ['security', 'tls', 'mode'],
      "secret names a Kubernetes Secret (compose members use Spilo's own certificate; choose none)",
    );
  }
  if (s.storage.storageClass) {
    refuse(
      ['storage', 'storageClass'],
      'is a Kubernetes StorageClass (compose uses local Docker volumes)',
    );
  }
  const sched = s.scheduling;
  if (sched.podAntiAffinity === 'required') {
    refuse(
      ['scheduling', 'podAntiAffinity'],
      'required asks for one member per node, and a compose stack runs on one Docker host',
    );
  }
  if (sched.tolerations.length > 0) {
    refuse(['scheduling', 'tolerations'], 'tolerate Kubernetes node taints');
  }
  if (sched.maintenanceWindows.length > 0) {
    refuse(
      ['scheduling', 'maintenanceWindows'],
      'are postgres-operator maintenance windows',
    );
  }
}
