import type { KubeObject } from './types';

/** Fixed output file per object, so no user string ever reaches a path. */
const FILE_BY_KIND: Record<string, string> = {
  Certificate: 'certificate.yaml',
  postgresql: 'postgresql.yaml',
  NetworkPolicy: 'network-policy.yaml',
  PodMonitor: 'pod-monitor.yaml',
  PrometheusRule: 'prometheus-rule.yaml',
  ConfigMap: 'grafana-dashboard.yaml',
};

export function manifestFile(object: KubeObject): string {
  if (object.metadata.labels?.['app.kubernetes.io/component'] === 'pgadmin') {
    return 'pgadmin.yaml';
  }
  const file = FILE_BY_KIND[object.kind];
  if (!file)
    throw new Error(`no manifest file is assigned to kind ${object.kind}`);
  return file;
}

/** Groups objects into their files, keeping apply order of first appearance. */
export function groupByFile(objects: KubeObject[]): Map<string, KubeObject[]> {
  const files = new Map<string, KubeObject[]>();
  for (const object of objects) {
    const file = `manifests/${manifestFile(object)}`;
    files.set(file, [...(files.get(file) ?? []), object]);
  }
  return files;
}
