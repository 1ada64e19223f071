import type { ClusterSettings } from '../../settings';

/** Labels the Zalando operator puts on the cluster's pods; used to select them. */
export const spiloSelector = (s: ClusterSettings) => ({
  application: 'spilo',
  'cluster-name': s.cluster.name,
});

/** Labels on every companion object, so `kubectl get -l` finds them all. */
export const companionLabels = (s: ClusterSettings, component: string) => ({
  'app.kubernetes.io/part-of': 'postgres-ha',
  'app.kubernetes.io/instance': s.cluster.name,
  'app.kubernetes.io/component': component,
  'cluster-name': s.cluster.name,
  team: s.cluster.team,
});

/** Standard metadata of a companion object named `<cluster><suffix>`. */
export const companionMetadata = (
  s: ClusterSettings,
  suffix: string,
  component: string,
) => ({
  name: `${s.cluster.name}${suffix}`,
  namespace: s.cluster.namespace,
  labels: companionLabels(s, component),
});

/** Metadata of the objects a Prometheus selects (PodMonitor, PrometheusRule): with monitoring.labels. */
export const monitoringMetadata = (s: ClusterSettings, suffix: string) => {
  const metadata = companionMetadata(s, suffix, 'monitoring');
  return {
    ...metadata,
    labels: { ...s.monitoring.labels, ...metadata.labels },
  };
};

/** Service names the operator creates for a cluster. */
export const serviceNames = (s: ClusterSettings) => {
  const name = s.cluster.name;
  const ns = s.cluster.namespace;
  const hosts = [name, `${name}-repl`];
  if (s.pooling.primary) hosts.push(`${name}-pooler`);
  if (s.pooling.replica) hosts.push(`${name}-pooler-repl`);
  return hosts.flatMap(h => [
    h,
    `${h}.${ns}`,
    `${h}.${ns}.svc`,
    `${h}.${ns}.svc.cluster.local`,
  ]);
};

/** Port numbers of Spilo, Patroni and the exporter sidecar. */
export const PORTS = { postgres: 5432, patroni: 8008, exporter: 9187 } as const;
