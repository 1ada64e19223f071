import * as k8s from '@kubernetes/client-node';
import { ConflictError } from '@backstage/errors';
import type {
  KubernetesClusterConfig,
  ObjectStoreConfig,
} from '../config/readConfig';
import type { ZalandoOperatorSettings } from '../config/readZalandoOperator';
import { WalgBackupCache } from '../backup/walg/WalgBackupCache';
import { spiloEnvironment } from '../backup/walg/spiloEnvironment';
import { spiloWalgLocation } from '../backup/walg/walgStore';
import { UpstreamFailure } from '../errors';
import type { LinkTemplates } from '../status/links';
import type { UnjudgedStatus } from '../health/HealthEvaluator';
import type { ClusterSource, OperationOutcome } from '../status/ClusterSource';
import { kubeCall, kubeConfigFor, kubePostJson } from './kubeApi';
import {
  KubernetesReader,
  logicalBackupCronJob,
  ZALANDO,
} from './KubernetesReader';
import { readPodEnvironment } from './podEnvironment';
import { spiloEnvSources } from './spiloEnvSources';
import { toClusterStatus } from './toClusterStatus';
import { walArchiveFromEnvironment } from './walArchive';
import { readFromCaches } from './watch/readFromCaches';
import { SharedInformers } from './watch/SharedInformers';

/** Patroni's REST port in Spilo pods. */
const PATRONI_PORT = 8008;

export interface KubernetesClusterSourceOptions {
  cluster: KubernetesClusterConfig;
  namespace: string;
  name: string;
  timeoutMs: number;
  objectStores: ObjectStoreConfig[];
  zalandoOperator?: ZalandoOperatorSettings;
  backupRefreshIntervalMs: number;
  links: LinkTemplates;
}

/** A Zalando operator cluster, read and operated through the Kubernetes API. */
export class KubernetesClusterSource implements ClusterSource {
  readonly key: string;
  readonly identity: ClusterSource['identity'];
  readonly #cluster: KubernetesClusterConfig;
  readonly #namespace: string;
  readonly #name: string;
  readonly #timeoutMs: number;
  readonly #kc: k8s.KubeConfig;
  readonly #reader: KubernetesReader;
  readonly #walg: WalgBackupCache;
  readonly #operator: ZalandoOperatorSettings;
  readonly #informers: SharedInformers;
  #watching = 0;

  static create(options: KubernetesClusterSourceOptions) {
    return new KubernetesClusterSource(options);
  }

  private constructor(options: KubernetesClusterSourceOptions) {
    const { cluster, namespace, name, timeoutMs } = options;
    this.#walg = WalgBackupCache.create({
      stores: options.objectStores,
      timeoutMs,
      ttlMs: options.backupRefreshIntervalMs,
    });
    this.key = `kubernetes:${cluster.name}/${namespace}/${name}`;
    this.identity = {
      name,
      source: 'kubernetes',
      kubernetesCluster: cluster.name,
      namespace,
      links: options.links,
    };
    this.#cluster = cluster;
    this.#namespace = namespace;
    this.#name = name;
    this.#timeoutMs = timeoutMs;
    this.#operator = options.zalandoOperator ?? {};
    this.#kc = kubeConfigFor(cluster);
    this.#reader = KubernetesReader.create({
      kc: this.#kc,
      cluster: cluster.name,
      namespace,
      name,
      timeoutMs,
      operator: this.#operator,
    });
    this.#informers = SharedInformers.for(cluster.name, this.#kc);
  }

  /** Watches the cluster through the shared informers while somebody looks. */
  watch(onChange: () => void): () => void {
    this.#watching += 1;
    const release = this.#informers.acquire(onChange);
    return () => {
      this.#watching -= 1;
      release();
    };
  }

  /** From the informers' caches while watched and listed, else by list calls. */
  async #readObjects() {
    if (!this.#watching || !this.#informers.synced) {
      // Not yet listed, or the lists fail (e.g. no cluster-wide RBAC): poll, and say why.
      const watch = this.#watching ? this.#informers.state() : undefined;
      return {
        objects: await this.#reader.read(),
        watch: watch?.state === 'down' ? watch : undefined,
      };
    }
    const podEnvironment = await readPodEnvironment({
      core: this.#kc.makeApiClient(k8s.CoreV1Api),
      cluster: this.#cluster.name,
      namespace: this.#namespace,
      timeoutMs: this.#timeoutMs,
      operator: this.#operator,
    });
    const objects = readFromCaches({
      informers: this.#informers,
      cluster: this.#cluster.name,
      namespace: this.#namespace,
      name: this.#name,
      podEnvironment,
    });
    return { objects, watch: this.#informers.state() };
  }

  async fetchStatus(): Promise<UnjudgedStatus> {
    const fetchedAt = new Date().toISOString();
    const { objects, watch } = await this.#readObjects();
    const status = {
      ...toClusterStatus(
        objects,
        { kubernetesCluster: this.#cluster.name, namespace: this.#namespace },
        fetchedAt,
      ),
      ...(watch && { watch }),
    };
    const { sources, error, secret } = objects.podEnvironment;
    const withError = (message: string) => ({
      ...status,
      backups: { ...status.backups, base: [], error: message },
    });
    if (error) return withError(error);
    const env = spiloEnvironment(
      spiloEnvSources(
        objects.postgresql,
        this.#namespace,
        this.#operator,
        sources,
      ),
    );
    let location;
    try {
      location = spiloWalgLocation(env);
    } catch (e) {
      return withError((e as Error).message);
    }
    if (!location) return status;
    const walg = await this.#walg.read(location);
    // spec.env's own archive (with its Secret references) wins over the derived one.
    const walArchive =
      status.backups.walArchive ??
      walArchiveFromEnvironment(location, env, secret);
    return {
      ...status,
      backups: {
        ...status.backups,
        ...walg,
        ...(walArchive && { walArchive }),
      },
    };
  }

  /** Asks the leader's Patroni, through the API server's pod proxy. */
  async switchover(
    leader: string,
    candidate?: string,
  ): Promise<OperationOutcome> {
    const path = `/api/v1/namespaces/${encodeURIComponent(
      this.#namespace,
    )}/pods/${encodeURIComponent(
      `${leader}:${PATRONI_PORT}`,
    )}/proxy/switchover`;
    const { status, text } = await kubeCall(
      this.#cluster.name,
      `pod proxy of ${leader}`,
      60_000,
      async () => {
        const answer = await kubePostJson(
          this.#kc,
          path,
          { leader, ...(candidate ? { candidate } : {}) },
          60_000,
        );
        if (
          answer.status === 401 ||
          answer.status === 403 ||
          answer.status === 404 ||
          answer.status >= 500
        ) {
          throw Object.assign(new Error(answer.text), { code: answer.status });
        }
        return answer;
      },
    );
    if (status >= 300) {
      throw new UpstreamFailure(
        'PatroniError',
        `Patroni on ${leader} refused the switchover (HTTP ${status}): ${text.slice(
          0,
          200,
        )}`,
      );
    }
    return {
      status: 'succeeded',
      message: text.trim() || `Switched over from ${leader}`,
    };
  }

  /** JSON merge patch of `spec.numberOfInstances`; the operator does the rest. */
  async scale(instances: number): Promise<OperationOutcome> {
    const custom = this.#kc.makeApiClient(k8s.CustomObjectsApi);
    await kubeCall(
      this.#cluster.name,
      `postgresql ${this.#namespace}/${this.#name} (patch)`,
      this.#timeoutMs,
      () =>
        custom.patchNamespacedCustomObject(
          {
            ...ZALANDO,
            namespace: this.#namespace,
            name: this.#name,
            body: { spec: { numberOfInstances: instances } },
          },
          k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
        ),
    );
    return {
      status: 'accepted',
      message: `postgresql ${
        this.#name
      } patched to ${instances} instances; the operator reconciles the StatefulSet`,
    };
  }

  /** Creates a Job from the logical-backup CronJob's template, like `kubectl create job --from=cronjob/…`. */
  async backup(): Promise<OperationOutcome> {
    const batch = this.#kc.makeApiClient(k8s.BatchV1Api);
    const cronName = logicalBackupCronJob(this.#name);
    const what = `cronjob ${this.#namespace}/${cronName}`;
    let cronJob: k8s.V1CronJob;
    try {
      cronJob = await kubeCall(this.#cluster.name, what, this.#timeoutMs, () =>
        batch.readNamespacedCronJob({
          namespace: this.#namespace,
          name: cronName,
        }),
      );
    } catch (error) {
      if (
        error instanceof UpstreamFailure &&
        error.type === 'KubernetesNotFound'
      ) {
        throw new ConflictError(
          `${
            this.#name
          } has no logical-backup CronJob; set enableLogicalBackup: true on the postgresql object`,
        );
      }
      throw error;
    }
    const template = cronJob.spec?.jobTemplate;
    const jobName = `${cronName}-manual-${Date.now().toString(36)}`.slice(
      0,
      63,
    );
    const job: k8s.V1Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: this.#namespace,
        labels: template?.metadata?.labels,
        annotations: {
          ...template?.metadata?.annotations,
          'cronjob.kubernetes.io/instantiate': 'manual',
        },
        ownerReferences: cronJob.metadata?.uid
          ? [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: cronName,
                uid: cronJob.metadata.uid,
              },
            ]
          : undefined,
      },
      spec: template?.spec,
    };
    await kubeCall(
      this.#cluster.name,
      `job ${this.#namespace}/${jobName} (create)`,
      this.#timeoutMs,
      () =>
        batch.createNamespacedJob({ namespace: this.#namespace, body: job }),
    );
    return {
      status: 'accepted',
      message: `Job ${jobName} created from CronJob ${cronName}`,
    };
  }
}
