import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { monitoringMetadata } from './labels';
import { buildAlertRules, kubernetesAlertMatchers } from './alerts';

/** The cluster's alerts as a PrometheusRule for Prometheus Operator. */
export function buildPrometheusRule(s: ClusterSettings): KubeObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: monitoringMetadata(s, '-alerts'),
    spec: {
      groups: [
        {
          name: `postgres-ha.${s.cluster.namespace}.${s.cluster.name}`,
          rules: buildAlertRules(s, kubernetesAlertMatchers(s)),
        },
      ],
    },
  };
}
