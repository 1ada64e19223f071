import type { ClusterSettings } from '../../settings';
import {
  ANNOTATION_CLUSTER_NAME,
  ANNOTATION_NAMESPACE,
  ANNOTATION_SOURCE,
  type ClusterSourceKind,
} from '../../annotations';
import type { RenderedFile } from '../types';
import { toYaml } from './yaml';

export const CATALOG_INFO_PATH = 'catalog-info.yaml';

/** Compose clusters are reached through Patroni's REST API; the others through the operator. */
export const sourceKind = (s: ClusterSettings): ClusterSourceKind =>
  s.target === 'compose' ? 'patroni' : 'kubernetes';

/** Reference of the Resource entity the catalog-info.yaml declares. */
export const clusterEntityRef = (s: ClusterSettings) =>
  `resource:default/${s.cluster.name}`;

/** The catalog entity (kind Resource, type database) with the annotations the backend reads. */
export function buildCatalogEntity(s: ClusterSettings) {
  const source = sourceKind(s);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: s.cluster.name,
      ...(s.cluster.description && { description: s.cluster.description }),
      annotations: {
        [ANNOTATION_CLUSTER_NAME]: s.cluster.name,
        [ANNOTATION_SOURCE]: source,
        ...(source === 'kubernetes' && {
          [ANNOTATION_NAMESPACE]: s.cluster.namespace,
        }),
      },
      tags: ['postgresql', 'patroni'],
    },
    spec: {
      type: 'database',
      owner: s.cluster.owner,
      ...(s.cluster.system && { system: s.cluster.system }),
    },
  };
}

export function renderCatalogInfo(s: ClusterSettings): RenderedFile {
  return { path: CATALOG_INFO_PATH, content: toYaml(buildCatalogEntity(s)) };
}
