import type * as k8s from '@kubernetes/client-node';
import type {
  BackupRun,
  BackupStatus,
  ClusterMember,
  FailoverEvent,
  PoolerStatus,
} from '@pgha/plugin-postgres-ha-common';
import { UpstreamFailure } from '../errors';
import type { UnjudgedStatus } from '../health/HealthEvaluator';
import { PatroniHistoryEntry, toFailoverEvents } from '../status/history';
import {
  isLeaderRole,
  memberRole,
  ReplicationSettings,
  replicationMode,
} from '../status/roles';
import type { ClusterObjects } from './types';
import { walArchiveOf } from './walArchive';

/** What Patroni writes into each pod's `status` annotation. */
interface PatroniPodStatus {
  state?: string;
  role?: string;
  timeline?: number;
  xlog_location?: number;
  replication_state?: string;
}

function json<T>(text: string | undefined, what: string): T | undefined {
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UpstreamFailure('MalformedResponse', `${what} is not valid JSON`);
  }
}

/** Patroni's DCS objects: `<name>-leader`/`-config`/`-sync` ConfigMaps, or Endpoints on older setups. */
function dcsAnnotations(
  objects: ClusterObjects,
  suffix: string,
): Record<string, string> {
  const name = objects.postgresql.metadata.name + suffix;
  const holder =
    objects.configMaps.find(c => c.metadata?.name === name) ??
    objects.endpoints.find(
      e =>
        e.metadata?.name ===
        (suffix === '-leader' ? objects.postgresql.metadata.name : name),
    );
  return holder?.metadata?.annotations ?? {};
}

/** The client deserializes times into Date objects (or leaves strings in custom objects). */
function toIso(time: Date | string | undefined): string | undefined {
  return time ? new Date(time).toISOString() : undefined;
}

function podReady(pod: k8s.V1Pod): boolean {
  return (
    pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false
  );
}

function toMember(
  pod: k8s.V1Pod,
  leaderXlog: number | undefined,
  syncStandbys: string[],
): ClusterMember {
  const name = pod.metadata?.name ?? '';
  const patroni =
    json<PatroniPodStatus>(
      pod.metadata?.annotations?.status,
      `Patroni status annotation of pod ${name}`,
    ) ?? {};
  const container =
    pod.status?.containerStatuses?.find(c => c.name === 'postgres') ??
    pod.status?.containerStatuses?.[0];
  let role = memberRole(patroni.role ?? pod.metadata?.labels?.['spilo-role']);
  if (role === 'replica' && syncStandbys.includes(name)) {
    role = 'sync_standby';
  }
  const waiting = container?.state?.waiting?.reason;
  // The annotation is Patroni's last word; a crash-looping container cannot update it.
  let state =
    waiting ?? patroni.state ?? (pod.status?.phase ?? 'unknown').toLowerCase();
  if (!waiting && !isLeaderRole(role) && state === 'running') {
    state =
      patroni.replication_state ?? (podReady(pod) ? 'streaming' : 'running');
  }
  let lag: number | null = null;
  if (isLeaderRole(role)) {
    lag = 0;
  } else if (
    leaderXlog !== undefined &&
    patroni.xlog_location !== undefined &&
    !waiting
  ) {
    lag = Math.max(0, leaderXlog - patroni.xlog_location);
  }
  return {
    name,
    role,
    state,
    timeline: patroni.timeline,
    lagBytes: lag,
    host: pod.status?.podIP,
    pod: name,
    node: pod.spec?.nodeName,
    restarts: container?.restartCount,
  };
}

function history(objects: ClusterObjects): FailoverEvent[] {
  const entries = json<PatroniHistoryEntry[]>(
    dcsAnnotations(objects, '-config').history,
    'Patroni history annotation',
  );
  return toFailoverEvents(entries ?? []);
}

function pooler(
  objects: ClusterObjects,
  leaderPod?: string,
): PoolerStatus | undefined {
  const name = `${objects.postgresql.metadata.name}-pooler`;
  const deployment = objects.deployments.find(d => d.metadata?.name === name);
  if (!deployment && !objects.postgresql.spec.enableConnectionPooler) {
    return undefined;
  }
  const desired =
    deployment?.spec?.replicas ??
    objects.postgresql.spec.connectionPooler?.numberOfInstances;
  const readyInstances = deployment?.status?.readyReplicas ?? 0;
  return {
    ready: readyInstances > 0,
    desired,
    readyInstances,
    mode: objects.postgresql.spec.connectionPooler?.mode ?? 'transaction',
    pointsTo: leaderPod,
    message: deployment ? undefined : `deployment ${name} does not exist`,
  };
}

function jobState(
  succeeded: number | undefined,
  failed: boolean,
): BackupRun['status'] {
  if (succeeded) {
    return 'Succeeded';
  }
  return failed ? 'Failed' : 'Running';
}

function jobRun(job: k8s.V1Job): BackupRun {
  const failed = job.status?.conditions?.find(
    c => c.type === 'Failed' && c.status === 'True',
  );
  const startedAt = toIso(job.status?.startTime);
  const finishedAt = toIso(
    job.status?.completionTime ?? failed?.lastTransitionTime,
  );
  return {
    name: job.metadata?.name ?? '',
    status: jobState(job.status?.succeeded, Boolean(failed)),
    startedAt,
    finishedAt,
    durationSeconds:
      startedAt && finishedAt
        ? Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000)
        : undefined,
  };
}

function backups(objects: ClusterObjects): BackupStatus {
  const walArchive = walArchiveOf(objects.postgresql.spec);
  const archive = walArchive ? { walArchive } : {};
  if (!objects.cronJob) {
    return { ...archive, base: [] };
  }
  const cronName = objects.cronJob.metadata?.name;
  const runs = objects.jobs
    .filter(
      j =>
        j.metadata?.ownerReferences?.some(
          o => o.kind === 'CronJob' && o.name === cronName,
        ) || j.metadata?.name?.startsWith(`${cronName}-`),
    )
    .map(jobRun)
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const last = (status: BackupRun['status']) =>
    runs.find(r => r.status === status)?.finishedAt;
  return {
    logical: {
      schedule: objects.cronJob.spec?.schedule,
      lastSuccess: last('Succeeded'),
      lastFailure: last('Failed'),
      runs,
    },
    ...archive,
    base: [],
  };
}

/** Maps the objects of one Zalando cluster onto the status contract (pure). */
export function toClusterStatus(
  objects: ClusterObjects,
  where: { kubernetesCluster: string; namespace: string },
  fetchedAt: string,
): UnjudgedStatus {
  const { postgresql } = objects;
  const name = postgresql.metadata.name;
  const leaderAnnotations = dcsAnnotations(objects, '-leader');
  const dynamicConfig =
    json<ReplicationSettings>(
      dcsAnnotations(objects, '-config').config,
      'Patroni config annotation',
    ) ??
    postgresql.spec.patroni ??
    {};
  const syncStandbys = (dcsAnnotations(objects, '-sync').sync_standby ?? '')
    .split(',')
    .filter(Boolean);
  const leaderPod =
    objects.pods.find(p => p.metadata?.name === leaderAnnotations.leader) ??
    objects.pods.find(p =>
      isLeaderRole(memberRole(p.metadata?.labels?.['spilo-role'])),
    );
  const leaderStatus = json<PatroniPodStatus>(
    leaderPod?.metadata?.annotations?.status,
    'Patroni status annotation of the leader',
  );
  const leaderXlog =
    leaderStatus?.xlog_location ??
    (leaderAnnotations.optime ? Number(leaderAnnotations.optime) : undefined);
  const members = objects.pods
    .map(p => toMember(p, leaderXlog, syncStandbys))
    .sort((a, b) => a.name.localeCompare(b.name));
  const service = (suffix: string) => {
    const svc = objects.services.find(s => s.metadata?.name === name + suffix);
    const port = svc?.spec?.ports?.[0]?.port;
    return svc
      ? `${svc.metadata!.name}.${where.namespace}.svc:${port ?? 5432}`
      : undefined;
  };
  return {
    cluster: {
      name,
      source: 'kubernetes',
      kubernetesCluster: where.kubernetesCluster,
      namespace: where.namespace,
      postgresVersion: postgresql.spec.postgresql?.version,
      replicationMode: replicationMode(dynamicConfig),
      desiredInstances:
        postgresql.spec.numberOfInstances ??
        objects.statefulSet?.spec?.replicas,
      readyInstances: objects.pods.filter(podReady).length,
      operatorStatus: postgresql.status?.PostgresClusterStatus,
      endpoints: {
        primary: service(''),
        replicas: service('-repl'),
        pooler: service('-pooler'),
        poolerReplicas: service('-pooler-repl'),
      },
      links: {},
    },
    members,
    history: history(objects),
    pooler: pooler(objects, leaderPod?.metadata?.name),
    backups: backups(objects),
    kubernetes: {
      volumes: objects.volumes.map(v => ({
        name: v.metadata?.name ?? '',
        phase: v.status?.phase ?? 'Unknown',
        capacity: v.status?.capacity?.storage,
      })),
      events: objects.events
        .filter(e => e.type === 'Warning')
        .map(e => ({
          object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
          reason: e.reason ?? '',
          message: e.message ?? '',
          lastSeen: toIso(
            e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
          ),
          count: e.count,
        }))
        .slice(-20),
    },
    fetchedAt,
  };
}
