/** Answers as the wizard's pages collect them (valid); publishTo is wizard-only. */
export const answers = (patch: Record<string, unknown> = {}) => ({
  target: 'kubernetes',
  publishTo: 'local',
  cluster: {
    name: 'orders-db',
    namespace: 'orders',
    team: 'orders',
    owner: 'group:default/dba',
  },
  topology: {
    instances: 3,
    replication: 'synchronous',
    synchronousNodeCount: 1,
  },
  backup: {
    physical: {
      enabled: true,
      store: 's3',
      bucket: 'acme-pg-backups',
      region: 'eu-central-1',
      credentialsSecret: 'orders-s3',
    },
    pitr: true,
  },
  pooling: { primary: true, replica: false },
  ...patch,
});
