import {
  ANNOTATION_KUBERNETES_CLUSTER,
  CATALOG_INFO_PATH,
  type RenderedFile,
} from '@pgha/plugin-postgres-ha-common';
import YAML from 'yaml';

/**
 * The rendered files with the Kubernetes cluster named in catalog-info.yaml's annotations,
 * so the backend finds the cluster among several configured ones. Unchanged without a name.
 */
export function withKubernetesCluster(
  files: RenderedFile[],
  kubernetesCluster: string | undefined,
): RenderedFile[] {
  if (!kubernetesCluster) return files;
  return files.map(file => {
    if (file.path !== CATALOG_INFO_PATH) return file;
    const entity = YAML.parseDocument(file.content);
    entity.setIn(
      ['metadata', 'annotations', ANNOTATION_KUBERNETES_CLUSTER],
      kubernetesCluster,
    );
    return { ...file, content: entity.toString() };
  });
}
