import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { buildPostgresql } from './postgresql';
import { buildNetworkPolicy } from './networkPolicy';
import { buildPodMonitor } from './podMonitor';
import { buildPrometheusRule } from './prometheusRule';
import { buildDashboardConfigMap } from './dashboard';
import { kubernetesAlertMatchers } from './alerts';
import { buildCertificate } from './certificate';
import { buildPgAdmin } from './pgadmin';

/** Every Kubernetes object of the cluster, in apply order. Shared by the kubernetes and helm targets. */
export function buildKubernetesObjects(s: ClusterSettings): KubeObject[] {
  const m = s.monitoring;
  return [
    ...(s.security.tls.mode === 'cert-manager' ? [buildCertificate(s)] : []),
    buildPostgresql(s),
    ...(s.security.networkPolicy.enabled ? [buildNetworkPolicy(s)] : []),
    ...(m.podMonitor ? [buildPodMonitor(s)] : []),
    ...(m.prometheusRule.enabled ? [buildPrometheusRule(s)] : []),
    ...(m.grafanaDashboard
      ? [buildDashboardConfigMap(s, kubernetesAlertMatchers(s))]
      : []),
    ...(m.pgAdmin.enabled ? buildPgAdmin(s) : []),
  ];
}
