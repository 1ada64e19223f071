import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { restorePlan } from './restorePlan';

const status = (
  name: string,
  recoveryWindow?: ClusterStatus['backups']['recoveryWindow'],
  walArchive?: ClusterStatus['backups']['walArchive'],
) =>
  ({
    cluster: {
      name,
      source: 'kubernetes',
      namespace: 'orders',
      replicationMode: 'async',
      readyInstances: 3,
      endpoints: {},
      links: {},
    },
    health: { state: 'Healthy', reasons: [] },
    members: [],
    history: [],
    backups: { base: [], recoveryWindow, walArchive },
    fetchedAt: '2026-11-21T12:00:00Z',
  } as ClusterStatus);

const window = {
  earliest: '2026-11-20T01:00:00.000Z',
  latest: '2026-11-21T11:59:00.000Z',
};
const plan = (
  name: string,
  targetTime: string,
  w: typeof window | null = window,
) =>
  restorePlan({
    status: status(name, w ?? undefined),
    entityRef: 'resource:default/orders-db',
    owner: 'group:default/dba',
    targetTime,
    templateRef: 'template:default/postgres-cluster-restore',
  });

describe('restorePlan', () => {
  it('prefills the source’s major version and volume size, so a PostgreSQL 15 source is cloned on 15', () => {
    const source = status('acid-orders', window);
    source.cluster.postgresVersion = '15.8';
    source.kubernetes = {
      volumes: [
        { name: 'pgdata-acid-orders-0', phase: 'Bound', capacity: '50Gi' },
      ],
      events: [],
    };
    const { values } = restorePlan({
      status: source,
      entityRef: 'resource:default/orders-db',
      targetTime: '2026-11-21T10:30:00Z',
      templateRef: 'template:default/postgres-cluster-restore',
    });
    expect(values).toMatchObject({
      postgresql: { version: 15 },
      storage: { size: '50Gi' },
    });
  });

  it('prefills the restore template with the keys it reads, the time in a numeric offset', () => {
    expect(plan('acid-orders', '2026-11-21T10:30:00+02:00')).toEqual({
      templateRef: 'template:default/postgres-cluster-restore',
      values: {
        sourceEntity: 'resource:default/orders-db',
        targetTime: '2026-11-21T08:30:00+00:00',
        cluster: {
          name: 'acid-orders-restore-20261121t0830',
          namespace: 'orders',
          owner: 'group:default/dba',
        },
      },
    });
  });

  it('keeps the new cluster name within 58 characters', () => {
    const name = (
      plan('a'.repeat(60), '2026-11-21T08:30:00Z').values.cluster as {
        name: string;
      }
    ).name;
    expect(name).toHaveLength(58);
    expect(name).toMatch(/^a+-restore-20261121t0830$/);
  });

  it('refuses a time outside the recoverable window and a cluster without one', () => {
    expect(() => plan('acid-orders', '2026-11-19T00:00:00Z')).toThrow(
      'targetTime: 2026-11-19T00:00:00Z is outside the recoverable window 2026-11-20T01:00:00.000Z .. 2026-11-21T11:59:00.000Z',
    );
    expect(() => plan('acid-orders', '2026-11-21T08:30:00Z', null)).toThrow(
      'No recoverable window is known for acid-orders (no base backup yet)',
    );
  });

  it("prefills the source's WAL archive (store, bucket, prefix, Secret name) as walSource", () => {
    const walArchive = {
      store: 's3' as const,
      bucket: 'orders-backups',
      prefix: 'spilo/acid-orders',
      forcePathStyle: false,
      credentialsSecret: 'acid-orders-walg',
    };
    const withArchive = restorePlan({
      status: status('acid-orders', window, walArchive),
      entityRef: 'resource:default/orders-db',
      targetTime: '2026-11-21T10:30:00+02:00',
      templateRef: 'template:default/postgres-cluster-restore',
    });
    expect(withArchive.values.walSource).toEqual(walArchive);
    expect(
      plan('acid-orders', '2026-11-21T10:30:00+02:00').values,
    ).not.toHaveProperty('walSource');
  });
});
