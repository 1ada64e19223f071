import * as k8s from '@kubernetes/client-node';
import { ZALANDO } from '../KubernetesReader';

/** A list answer as the informer needs it. */
type ListAnswer = k8s.KubernetesListObject<k8s.KubernetesObject>;

/** One kind watched across all namespaces of a Kubernetes cluster. */
export interface WatchedKind {
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  list(kc: k8s.KubeConfig): Promise<ListAnswer>;
}

/** The operator's cluster label (its default `cluster_name_label`); present on everything it owns. */
const OWNED = 'cluster-name';
const SPILO = 'application=spilo';

const core = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.CoreV1Api);
const apps = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.AppsV1Api);
const batch = (kc: k8s.KubeConfig) => kc.makeApiClient(k8s.BatchV1Api);
const answer = (list: Promise<unknown>) => list as Promise<ListAnswer>;

/**
 * Every kind a Zalando cluster's snapshot is built from, narrowed server-side
 * to Spilo/pooler objects (label selectors) and Warning events (field selector).
 */
export const WATCHED_KINDS = {
  postgresqls: {
    path: `/apis/${ZALANDO.group}/${ZALANDO.version}/${ZALANDO.plural}`,
    list: kc =>
      answer(
        kc.makeApiClient(k8s.CustomObjectsApi).listClusterCustomObject(ZALANDO),
      ),
  },
  pods: {
    path: '/api/v1/pods',
    labelSelector: 'application in (spilo,db-connection-pooler)',
    list: kc =>
      answer(
        core(kc).listPodForAllNamespaces({
          labelSelector: 'application in (spilo,db-connection-pooler)',
        }),
      ),
  },
  statefulsets: {
    path: '/apis/apps/v1/statefulsets',
    labelSelector: SPILO,
    list: kc =>
      answer(
        apps(kc).listStatefulSetForAllNamespaces({ labelSelector: SPILO }),
      ),
  },
  services: {
    path: '/api/v1/services',
    labelSelector: OWNED,
    list: kc =>
      answer(core(kc).listServiceForAllNamespaces({ labelSelector: OWNED })),
  },
  endpoints: {
    path: '/api/v1/endpoints',
    labelSelector: OWNED,
    list: kc =>
      answer(core(kc).listEndpointsForAllNamespaces({ labelSelector: OWNED })),
  },
  configmaps: {
    path: '/api/v1/configmaps',
    labelSelector: SPILO,
    list: kc =>
      answer(core(kc).listConfigMapForAllNamespaces({ labelSelector: SPILO })),
  },
  deployments: {
    path: '/apis/apps/v1/deployments',
    labelSelector: OWNED,
    list: kc =>
      answer(apps(kc).listDeploymentForAllNamespaces({ labelSelector: OWNED })),
  },
  cronjobs: {
    path: '/apis/batch/v1/cronjobs',
    labelSelector: OWNED,
    list: kc =>
      answer(batch(kc).listCronJobForAllNamespaces({ labelSelector: OWNED })),
  },
  jobs: {
    path: '/apis/batch/v1/jobs',
    labelSelector: OWNED,
    list: kc =>
      answer(batch(kc).listJobForAllNamespaces({ labelSelector: OWNED })),
  },
  persistentvolumeclaims: {
    path: '/api/v1/persistentvolumeclaims',
    labelSelector: SPILO,
    list: kc =>
      answer(
        core(kc).listPersistentVolumeClaimForAllNamespaces({
          labelSelector: SPILO,
        }),
      ),
  },
  events: {
    path: '/api/v1/events',
    fieldSelector: 'type=Warning',
    list: kc =>
      answer(
        core(kc).listEventForAllNamespaces({ fieldSelector: 'type=Warning' }),
      ),
  },
} satisfies Record<string, WatchedKind>;

export type KindName = keyof typeof WATCHED_KINDS;
