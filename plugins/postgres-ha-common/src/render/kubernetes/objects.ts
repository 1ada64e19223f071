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

/** Builds the objects of one concern (none when the settings switch it off). */
export type ObjectsBuilder = (s: ClusterSettings) => KubeObject[];

/** One builder per concern, in apply order. Shared by the kubernetes and helm targets. */
export const OBJECT_BUILDERS: readonly ObjectsBuilder[] = [
  s => (s.security.tls.mode === 'cert-manager' ? [buildCertificate(s)] : []),
  s => [buildPostgresql(s)],
  s => (s.security.networkPolicy.enabled ? [buildNetworkPolicy(s)] : []),
  s => (s.monitoring.podMonitor ? [buildPodMonitor(s)] : []),
  s => (s.monitoring.prometheusRule.enabled ? [buildPrometheusRule(s)] : []),
  s =>
    s.monitoring.grafanaDashboard
      ? [buildDashboardConfigMap(s, kubernetesAlertMatchers(s))]
      : [],
  s => (s.monitoring.pgAdmin.enabled ? buildPgAdmin(s) : []),
];

/** Every Kubernetes object of the cluster, in apply order. */
export function buildKubernetesObjects(s: ClusterSettings): KubeObject[] {
  return OBJECT_BUILDERS.flatMap(build => build(s));
}
