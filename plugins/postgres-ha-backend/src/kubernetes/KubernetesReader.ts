import * as k8s from '@kubernetes/client-node';
import type { ZalandoOperatorSettings } from '../config/readZalandoOperator';
import { kubeCall, kubeCallOptional } from './kubeApi';
import { readPodEnvironment } from './podEnvironment';
import type { ClusterObjects, PostgresqlObject } from './types';

export const ZALANDO = {
  group: 'acid.zalan.do',
  version: 'v1',
  plural: 'postgresqls',
};

/** The operator's name for a cluster's logical-backup CronJob. */
export const logicalBackupCronJob = (name: string) => `logical-backup-${name}`;

interface KubernetesReaderOptions {
  kc: k8s.KubeConfig;
  cluster: string;
  namespace: string;
  name: string;
  timeoutMs: number;
  /** Names the pod environment ConfigMap/Secret to read with the cluster. */
  operator?: ZalandoOperatorSettings;
}

/** Reads every Kubernetes object that describes one Zalando cluster, in parallel. */
export class KubernetesReader {
  readonly #cluster: string;
  readonly #namespace: string;
  readonly #name: string;
  readonly #timeoutMs: number;
  readonly #operator: ZalandoOperatorSettings;
  readonly #core: k8s.CoreV1Api;
  readonly #apps: k8s.AppsV1Api;
  readonly #batch: k8s.BatchV1Api;
  readonly #custom: k8s.CustomObjectsApi;

  static create(options: KubernetesReaderOptions) {
    return new KubernetesReader(options);
  }

  private constructor(options: KubernetesReaderOptions) {
    this.#cluster = options.cluster;
    this.#namespace = options.namespace;
    this.#name = options.name;
    this.#timeoutMs = options.timeoutMs;
    this.#operator = options.operator ?? {};
    this.#core = options.kc.makeApiClient(k8s.CoreV1Api);
    this.#apps = options.kc.makeApiClient(k8s.AppsV1Api);
    this.#batch = options.kc.makeApiClient(k8s.BatchV1Api);
    this.#custom = options.kc.makeApiClient(k8s.CustomObjectsApi);
  }

  async read(): Promise<ClusterObjects> {
    const namespace = this.#namespace;
    const name = this.#name;
    const spilo = `application=spilo,cluster-name=${name}`;
    const ofCluster = `cluster-name=${name}`;
    const call = <T>(what: string, fn: () => Promise<T>) =>
      kubeCall(
        this.#cluster,
        `${what} in namespace ${namespace}`,
        this.#timeoutMs,
        fn,
      );
    const optional = <T>(what: string, fn: () => Promise<T>) =>
      kubeCallOptional(
        this.#cluster,
        `${what} in namespace ${namespace}`,
        this.#timeoutMs,
        fn,
      );

    const [
      postgresql,
      pods,
      statefulSet,
      services,
      endpoints,
      configMaps,
      deployments,
      cronJob,
      jobs,
      volumes,
      events,
      podEnvironment,
    ] = await Promise.all([
      call(
        `postgresql ${name}`,
        () =>
          this.#custom.getNamespacedCustomObject({
            ...ZALANDO,
            namespace,
            name,
          }) as Promise<PostgresqlObject>,
      ),
      call('pods', () =>
        this.#core.listNamespacedPod({ namespace, labelSelector: spilo }),
      ),
      optional(`statefulset ${name}`, () =>
        this.#apps.readNamespacedStatefulSet({ namespace, name }),
      ),
      call('services', () =>
        this.#core.listNamespacedService({
          namespace,
          labelSelector: ofCluster,
        }),
      ),
      call('endpoints', () =>
        this.#core.listNamespacedEndpoints({
          namespace,
          labelSelector: ofCluster,
        }),
      ),
      call('configmaps', () =>
        this.#core.listNamespacedConfigMap({ namespace, labelSelector: spilo }),
      ),
      call('deployments', () =>
        this.#apps.listNamespacedDeployment({
          namespace,
          labelSelector: ofCluster,
        }),
      ),
      optional(`cronjob ${logicalBackupCronJob(name)}`, () =>
        this.#batch.readNamespacedCronJob({
          namespace,
          name: logicalBackupCronJob(name),
        }),
      ),
      call('jobs', () =>
        this.#batch.listNamespacedJob({ namespace, labelSelector: ofCluster }),
      ),
      call('persistentvolumeclaims', () =>
        this.#core.listNamespacedPersistentVolumeClaim({
          namespace,
          labelSelector: spilo,
        }),
      ),
      call('events', () => this.#core.listNamespacedEvent({ namespace })),
      readPodEnvironment({
        core: this.#core,
        cluster: this.#cluster,
        namespace,
        timeoutMs: this.#timeoutMs,
        operator: this.#operator,
      }),
    ]);
    return {
      postgresql,
      pods: pods.items,
      statefulSet,
      services: services.items,
      endpoints: endpoints.items,
      configMaps: configMaps.items,
      deployments: deployments.items,
      cronJob,
      jobs: jobs.items,
      volumes: volumes.items,
      events: events.items.filter(e =>
        e.involvedObject?.name?.startsWith(name),
      ),
      podEnvironment,
    };
  }
}
