import * as k8s from '@kubernetes/client-node';
import { ZALANDO } from '../KubernetesReader';

/** A list answer as the informer needs it. */
type ListAnswer = k8s.KubernetesListObject<k8s.KubernetesObject>;
type Selectors = { labelSelector?: string; fieldSelector?: string };

/** One kind watched across all namespaces of a Kubernetes cluster. */
export interface WatchedKind extends Selectors {
  path: string;
  /** Lists across all namespaces with the kind's selectors. */
  list(kc: k8s.KubeConfig, selectors: Selectors): Promise<unknown>;
}

/** The operator's cluster label (its default `cluster_name_label`); present on everything it owns. */
const OWNED = 'cluster-name';
const SPILO = 'application=spilo';

const core = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.CoreV1Api);
const apps = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.AppsV1Api);
const batch = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.BatchV1Api);

/**
 * Every kind a Zalando cluster's snapshot is built from, narrowed server-side
 * to Spilo/pooler objects (label selectors) and Warning events (field selector).
 */
export const WATCHED_KINDS = {
  postgresqls: {
    path: `/apis/${ZALANDO.group}/${ZALANDO.version}/${ZALANDO.plural}`,
    list: kc =>
      kc.makeApiClient(k8s.CustomObjectsApi).listClusterCustomObject(ZALANDO),
  },
  pods: {
    path: '/api/v1/pods',
    labelSelector: 'application in (spilo,db-connection-pooler)',
    list: (kc, q) => core(kc).listPodForAllNamespaces(q),
  },
  statefulsets: {
    path: '/apis/apps/v1/statefulsets',
    labelSelector: SPILO,
    list: (kc, q) => apps(kc).listStatefulSetForAllNamespaces(q),
  },
  services: {
    path: '/api/v1/services',
    labelSelector: OWNED,
    list: (kc, q) => core(kc).listServiceForAllNamespaces(q),
  },
  endpoints: {
    path: '/api/v1/endpoints',
    labelSelector: OWNED,
    list: (kc, q) => core(kc).listEndpointsForAllNamespaces(q),
  },
  configmaps: {
    path: '/api/v1/configmaps',
    labelSelector: SPILO,
    list: (kc, q) => core(kc).listConfigMapForAllNamespaces(q),
  },
  deployments: {
    path: '/apis/apps/v1/deployments',
    labelSelector: OWNED,
    list: (kc, q) => apps(kc).listDeploymentForAllNamespaces(q),
  },
  cronjobs: {
    path: '/apis/batch/v1/cronjobs',
    labelSelector: OWNED,
    list: (kc, q) => batch(kc).listCronJobForAllNamespaces(q),
  },
  jobs: {
    path: '/apis/batch/v1/jobs',
    labelSelector: OWNED,
    list: (kc, q) => batch(kc).listJobForAllNamespaces(q),
  },
  persistentvolumeclaims: {
    path: '/api/v1/persistentvolumeclaims',
    labelSelector: SPILO,
    list: (kc, q) => core(kc).listPersistentVolumeClaimForAllNamespaces(q),
  },
  events: {
    path: '/api/v1/events',
    fieldSelector: 'type=Warning',
    list: (kc, q) => core(kc).listEventForAllNamespaces(q),
  },
} satisfies Record<string, WatchedKind>;

export type KindName = keyof typeof WATCHED_KINDS;

/** Lists one kind with its selectors, as the informer needs it. */
export function listKind(kc: k8s.KubeConfig, kind: KindName) {
  const spec: WatchedKind = WATCHED_KINDS[kind];
  const { labelSelector, fieldSelector } = spec;
  return spec.list(kc, { labelSelector, fieldSelector }) as Promise<ListAnswer>;
}
