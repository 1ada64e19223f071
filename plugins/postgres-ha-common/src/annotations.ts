/**
 * Catalog annotations that tie a Resource entity to a live cluster.
 * The render step writes them into the generated catalog-info.yaml.
 */
export const ANNOTATION_CLUSTER_NAME = 'postgres-ha/cluster-name';
/** `kubernetes` (Zalando operator) or `patroni` (Patroni REST API reached directly). */
export const ANNOTATION_SOURCE = 'postgres-ha/source';
/** Namespace of the `postgresql` object (kubernetes source). */
export const ANNOTATION_NAMESPACE = 'postgres-ha/namespace';
/** Name of the Kubernetes cluster in `kubernetes.clusterLocatorMethods` (kubernetes source). */
export const ANNOTATION_KUBERNETES_CLUSTER = 'postgres-ha/kubernetes-cluster';

export type ClusterSourceKind = 'kubernetes' | 'patroni';

/** True when the entity carries the annotations the suite needs. */
export function isPostgresHaAvailable(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_CLUSTER_NAME]);
}
