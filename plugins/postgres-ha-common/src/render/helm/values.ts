import type { ClusterSettings } from '../../settings';

/**
 * The chart's values: the main settings a release may override. Everything else is fixed
 * by the settings the chart was rendered from (render again to change it).
 */
export function buildHelmValues(
  s: ClusterSettings,
  parameters: Record<string, string>,
) {
  const { physical, logical } = s.backup;
  const m = s.monitoring;
  return {
    cluster: {
      name: s.cluster.name,
      namespace: s.cluster.namespace,
      description: s.cluster.description,
    },
    instances: s.topology.instances,
    postgresql: { version: s.postgresql.version, parameters },
    resources: {
      requests: { ...s.resources.requests },
      limits: { ...s.resources.limits },
    },
    storage: {
      size: s.storage.size,
      ...(s.storage.storageClass && { storageClass: s.storage.storageClass }),
    },
    pooler: {
      primary: s.pooling.primary,
      replica: s.pooling.replica,
      mode: s.pooling.mode,
      instances: s.pooling.instances,
      maxDBConnections: s.pooling.maxDbConnections,
    },
    ...((physical.enabled || logical.enabled) && {
      backup: {
        ...(physical.enabled && {
          physical: {
            schedule: physical.schedule,
            retention: physical.retention,
          },
        }),
        ...(logical.enabled && {
          logical: { schedule: logical.schedule, retention: logical.retention },
        }),
      },
    }),
    ...((m.exporter.enabled || m.pgAdmin.enabled) && {
      images: {
        ...(m.exporter.enabled && { exporter: m.exporter.image }),
        ...(m.pgAdmin.enabled && { pgAdmin: m.pgAdmin.image }),
      },
    }),
  };
}

export type HelmValues = ReturnType<typeof buildHelmValues>;
