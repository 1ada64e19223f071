import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { monitoringMetadata, spiloSelector } from './labels';

/** Lets Prometheus Operator scrape the exporter sidecar of every cluster pod. */
export function buildPodMonitor(s: ClusterSettings): KubeObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: monitoringMetadata(s, '-metrics'),
    spec: {
      selector: { matchLabels: spiloSelector(s) },
      namespaceSelector: { matchNames: [s.cluster.namespace] },
      podMetricsEndpoints: [
        { port: 'exporter', path: '/metrics', interval: '30s' },
      ],
    },
  };
}
