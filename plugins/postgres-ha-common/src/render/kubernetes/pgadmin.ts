import type { ClusterSettings } from '../../settings';
import type { KubeObject } from './types';
import { companionMetadata, PORTS } from './labels';

/** Secret the user creates with the pgAdmin login (`email`, `password`); never rendered. */
export const pgAdminSecretName = (s: ClusterSettings) =>
  `${s.cluster.name}-pgadmin`;

const SERVERS_FILE = '/pgadmin4/servers.json';

/** pgAdmin's server list, pre-filled with the primary service. */
export function pgAdminServers(s: ClusterSettings, host: string) {
  return {
    Servers: {
      '1': {
        Name: s.cluster.name,
        Group: 'postgres-ha',
        Host: host,
        Port: PORTS.postgres,
        MaintenanceDB: 'postgres',
        Username: 'postgres',
        SSLMode: 'require',
      },
    },
  };
}

/** Labels that select this cluster's pgAdmin pods. */
export const pgAdminSelector = (s: ClusterSettings) => ({
  'app.kubernetes.io/instance': s.cluster.name,
  'app.kubernetes.io/component': 'pgadmin',
});

/** pgAdmin Deployment, its server list and a ClusterIP Service. */
export function buildPgAdmin(s: ClusterSettings): KubeObject[] {
  const metadata = companionMetadata(s, '-pgadmin', 'pgadmin');
  const selector = pgAdminSelector(s);
  const secretEnv = (name: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: pgAdminSecretName(s), key } },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata,
      data: {
        'servers.json': JSON.stringify(
          pgAdminServers(s, `${s.cluster.name}.${s.cluster.namespace}.svc`),
          null,
          2,
        ),
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: metadata.labels },
          spec: {
            containers: [
              {
                name: 'pgadmin',
                image: s.monitoring.pgAdmin.image,
                ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
                env: [
                  secretEnv('PGADMIN_DEFAULT_EMAIL', 'email'),
                  secretEnv('PGADMIN_DEFAULT_PASSWORD', 'password'),
                  { name: 'PGADMIN_SERVER_JSON_FILE', value: SERVERS_FILE },
                ],
                volumeMounts: [
                  {
                    name: 'servers',
                    mountPath: SERVERS_FILE,
                    subPath: 'servers.json',
                    readOnly: true,
                  },
                ],
                readinessProbe: {
                  httpGet: { path: '/misc/ping', port: 'http' },
                },
                resources: {
                  requests: { cpu: '50m', memory: '256Mi' },
                  limits: { cpu: '500m', memory: '512Mi' },
                },
              },
            ],
            volumes: [{ name: 'servers', configMap: { name: metadata.name } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        ],
      },
    },
  ];
}
