import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_CLUSTER_NAME,
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_NAMESPACE,
  ANNOTATION_SOURCE,
} from '@pgha/plugin-postgres-ha-common';
import type { PostgresHaConfig } from '../config/readConfig';
import { operatorSettingsFor } from '../config/readZalandoOperator';
import type { ClusterSource } from '../status/ClusterSource';
import { PatroniClusterSource } from '../patroni/PatroniClusterSource';
import { KubernetesClusterSource } from '../kubernetes/KubernetesClusterSource';
import { kubeConfigFor } from '../kubernetes/kubeApi';
import { clusterLinks } from '../status/links';

/**
 * Turns an entity's annotations into the configured cluster they name. An
 * entity can only name clusters from configuration, never a URL.
 */
export class ClusterLocator {
  readonly #config: PostgresHaConfig;
  readonly #sources = new Map<string, ClusterSource>();

  static create(options: { config: PostgresHaConfig }) {
    // Fail at startup, naming the config key, when a kubeconfig context is unusable.
    options.config.kubernetesClusters.forEach(kubeConfigFor);
    return new ClusterLocator(options.config);
  }

  private constructor(config: PostgresHaConfig) {
    this.#config = config;
  }

  locate(entity: Entity): ClusterSource {
    const annotations = entity.metadata.annotations ?? {};
    const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`;
    const name = annotations[ANNOTATION_CLUSTER_NAME];
    if (!name) {
      throw new InputError(
        `Entity ${ref} has no ${ANNOTATION_CLUSTER_NAME} annotation`,
      );
    }
    const source =
      annotations[ANNOTATION_SOURCE] ??
      (annotations[ANNOTATION_NAMESPACE] ? 'kubernetes' : 'patroni');
    if (source === 'patroni') {
      return this.#patroni(ref, name);
    }
    if (source === 'kubernetes') {
      return this.#kubernetes(
        ref,
        name,
        annotations[ANNOTATION_NAMESPACE] ?? 'default',
        annotations[ANNOTATION_KUBERNETES_CLUSTER],
      );
    }
    throw new InputError(
      `Entity ${ref}: ${ANNOTATION_SOURCE} must be 'kubernetes' or 'patroni', not '${source}'`,
    );
  }

  #patroni(ref: string, name: string): ClusterSource {
    const cluster = this.#config.patroniClusters.find(c => c.name === name);
    if (!cluster) {
      throw new NotFoundError(
        `Entity ${ref} names Patroni cluster '${name}', which is not in postgresHa.patroni.clusters (configured: ${
          this.#config.patroniClusters.map(c => c.name).join(', ') || 'none'
        })`,
      );
    }
    return this.#cached(`patroni:${name}`, () =>
      PatroniClusterSource.create({
        config: cluster,
        links: clusterLinks(
          { ...this.#config.links, ...cluster.links },
          { cluster: name },
        ),
        timeoutMs: this.#config.requestTimeoutMs,
        backupRefreshIntervalMs: this.#config.backupRefreshIntervalMs,
      }),
    );
  }

  /** Names of the configured Kubernetes clusters, for the wizard's picker. */
  kubernetesClusterNames(): string[] {
    return this.#config.kubernetesClusters.map(c => c.name);
  }

  #kubernetes(
    ref: string,
    name: string,
    namespace: string,
    clusterName?: string,
  ): ClusterSource {
    const configured = this.#config.kubernetesClusters;
    // Without the annotation, the only configured cluster is meant.
    const sole = configured.length === 1 ? configured[0] : undefined;
    const cluster = clusterName
      ? configured.find(c => c.name === clusterName)
      : sole;
    if (!cluster) {
      throw new NotFoundError(
        clusterName
          ? `Entity ${ref} names Kubernetes cluster '${clusterName}', which is not in kubernetes.clusterLocatorMethods (configured: ${
              configured.map(c => c.name).join(', ') || 'none'
            })`
          : `Entity ${ref} needs a ${ANNOTATION_KUBERNETES_CLUSTER} annotation: ${configured.length} Kubernetes clusters are configured`,
      );
    }
    return this.#cached(`kubernetes:${cluster.name}/${namespace}/${name}`, () =>
      KubernetesClusterSource.create({
        cluster,
        namespace,
        name,
        timeoutMs: this.#config.requestTimeoutMs,
        objectStores: this.#config.objectStores,
        zalandoOperator: operatorSettingsFor(
          this.#config.zalandoOperator,
          cluster.name,
        ),
        links: clusterLinks(this.#config.links, { cluster: name, namespace }),
        backupRefreshIntervalMs: this.#config.backupRefreshIntervalMs,
      }),
    );
  }

  #cached(key: string, create: () => ClusterSource): ClusterSource {
    let source = this.#sources.get(key);
    if (!source) {
      source = create();
      this.#sources.set(key, source);
    }
    return source;
  }
}
