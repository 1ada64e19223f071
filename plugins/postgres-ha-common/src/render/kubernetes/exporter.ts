import type { ClusterSettings } from '../../settings';
import { PORTS } from './labels';

/**
 * postgres_exporter as an operator sidecar. The operator injects POSTGRES_USER and
 * POSTGRES_PASSWORD (the superuser Secret) into every sidecar, so no credential is rendered.
 */
export function exporterSidecar(s: ClusterSettings) {
  return {
    name: 'exporter',
    image: s.monitoring.exporter.image,
    ports: [
      { name: 'exporter', containerPort: PORTS.exporter, protocol: 'TCP' },
    ],
    env: [
      {
        name: 'DATA_SOURCE_URI',
        value: `localhost:${PORTS.postgres}/postgres?sslmode=require`,
      },
      { name: 'DATA_SOURCE_USER', value: '$(POSTGRES_USER)' },
      { name: 'DATA_SOURCE_PASS', value: '$(POSTGRES_PASSWORD)' },
    ],
    resources: {
      requests: { cpu: '10m', memory: '32Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    },
  };
}
