import type * as k8s from '@kubernetes/client-node';
import { UpstreamFailure } from '../../errors';
import { logicalBackupCronJob } from '../KubernetesReader';
import type { PodEnvironment } from '../podEnvironment';
import type { ClusterObjects, PostgresqlObject } from '../types';
import type { SharedInformers } from './SharedInformers';

/** Warning events kept per cluster snapshot (newest). */
export const MAX_EVENTS = 50;

const lastSeen = (e: k8s.CoreV1Event) =>
  new Date(e.lastTimestamp ?? e.eventTime ?? 0).getTime();

/** One Zalando cluster's objects, from the shared informers' caches (no API call). */
export function readFromCaches(options: {
  informers: SharedInformers;
  cluster: string;
  namespace: string;
  name: string;
  podEnvironment: PodEnvironment;
}): ClusterObjects {
  const { informers, namespace, name } = options;
  const of = <T extends k8s.KubernetesObject>(
    kind: Parameters<SharedInformers['list']>[0],
    filter: (o: T) => boolean = o =>
      o.metadata?.labels?.['cluster-name'] === name,
  ) => informers.list<T>(kind, namespace).filter(filter);
  const named = (o: k8s.KubernetesObject, wanted: string) =>
    o.metadata?.name === wanted;
  const postgresql = of<PostgresqlObject & k8s.KubernetesObject>(
    'postgresqls',
    o => named(o, name),
  )[0];
  if (!postgresql) {
    throw new UpstreamFailure(
      'KubernetesNotFound',
      `postgresql ${name} in namespace ${namespace} was not found in Kubernetes cluster '${options.cluster}'`,
    );
  }
  return {
    postgresql,
    pods: of<k8s.V1Pod>(
      'pods',
      p =>
        p.metadata?.labels?.application === 'spilo' &&
        p.metadata.labels['cluster-name'] === name,
    ),
    statefulSet: of<k8s.V1StatefulSet>('statefulsets', o => named(o, name))[0],
    services: of<k8s.V1Service>('services'),
    endpoints: of<k8s.V1Endpoints>('endpoints'),
    configMaps: of<k8s.V1ConfigMap>('configmaps'),
    deployments: of<k8s.V1Deployment>('deployments'),
    cronJob: of<k8s.V1CronJob>('cronjobs', o =>
      named(o, logicalBackupCronJob(name)),
    )[0],
    jobs: of<k8s.V1Job>('jobs'),
    volumes: of<k8s.V1PersistentVolumeClaim>('persistentvolumeclaims'),
    events: of<k8s.CoreV1Event>('events', e =>
      Boolean(e.involvedObject?.name?.startsWith(name)),
    )
      .sort((a, b) => lastSeen(a) - lastSeen(b))
      .slice(-MAX_EVENTS),
    podEnvironment: options.podEnvironment,
  };
}
