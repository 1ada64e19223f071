import type { ClusterSettingsInput } from './schema';

/** Ready-made inputs for docs, action examples and tests. */
export const exampleSettings = {
  minimal: {
    cluster: { name: 'acid-orders', team: 'acid', owner: 'group:default/dba' },
  },
  production: {
    target: 'kubernetes',
    operatorVersion: 'v2.0.1',
    cluster: {
      name: 'acid-payments',
      namespace: 'payments',
      team: 'acid',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      description: 'Payments ledger: 3 instances, synchronous, PITR.',
    },
    postgresql: {
      version: 17,
      parameters: {
        max_connections: 400,
        shared_buffers: '2GB',
        log_statement: 'ddl',
      },
    },
    topology: {
      instances: 3,
      replication: 'synchronous-strict',
      synchronousNodeCount: 1,
    },
    pooling: {
      primary: true,
      replica: true,
      mode: 'transaction',
      instances: 2,
      maxDbConnections: 100,
    },
    databases: [{ name: 'ledger', owner: 'ledger_owner' }],
    resources: {
      requests: { cpu: '1', memory: '4Gi' },
      limits: { cpu: '2', memory: '8Gi' },
    },
    storage: { size: '100Gi', storageClass: 'fast-ssd' },
    scheduling: {
      podAntiAffinity: 'required',
      tolerations: [
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'postgres',
          effect: 'NoSchedule',
        },
      ],
      maintenanceWindows: ['Sun:01:00-03:00'],
    },
    backup: {
      physical: {
        enabled: true,
        store: 's3',
        bucket: 'acme-pg-backups',
        prefix: 'payments',
        region: 'eu-central-1',
        credentialsSecret: 'payments-backup-s3',
        schedule: '0 2 * * *',
        retention: 14,
      },
      logical: { enabled: true, schedule: '30 3 * * *', retention: '3 months' },
      pitr: true,
    },
    monitoring: {
      exporter: { enabled: true },
      podMonitor: true,
      prometheusRule: { enabled: true },
      grafanaDashboard: true,
      pgAdmin: { enabled: true },
    },
    security: {
      tls: {
        mode: 'cert-manager',
        secretName: 'acid-payments-tls',
        issuer: { name: 'internal-ca', kind: 'ClusterIssuer' },
      },
      networkPolicy: {
        enabled: true,
        allowedPeers: [
          { namespaceLabels: { 'kubernetes.io/metadata.name': 'payments' } },
        ],
      },
      loadBalancers: { primary: true, replica: false },
      allowedSourceRanges: ['10.0.0.0/8'],
    },
  },
} satisfies Record<string, ClusterSettingsInput>;
