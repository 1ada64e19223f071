import { Entity } from '@backstage/catalog-model';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';

/**
 * Status snapshots shaped like what the backend builds from the lab's Patroni
 * REST API (/cluster, /history) and pgBackRest info; used by component tests.
 */
export const labEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'lab-postgres',
    namespace: 'default',
    annotations: {
      'postgres-ha/cluster-name': 'lab',
      'postgres-ha/source': 'patroni',
    },
  },
  spec: { type: 'database', owner: 'platform-team' },
};

export const healthyStatus: ClusterStatus = {
  cluster: {
    name: 'lab',
    source: 'patroni',
    postgresVersion: '15.14',
    replicationMode: 'async',
    desiredInstances: 3,
    readyInstances: 3,
    endpoints: {
      primary: '127.0.0.1:15432',
      replicas: '127.0.0.1:15433,127.0.0.1:15434',
      pooler: '127.0.0.1:15435',
    },
    links: { grafana: 'http://127.0.0.1:3001/d/pg/lab' },
  },
  health: { state: 'Healthy', reasons: [] },
  members: [
    {
      name: 'pg0',
      role: 'leader',
      state: 'running',
      timeline: 3,
      lagBytes: 0,
      host: '127.0.0.1:15432',
    },
    {
      name: 'pg1',
      role: 'replica',
      state: 'streaming',
      timeline: 3,
      lagBytes: 0,
      host: '127.0.0.1:15433',
    },
    {
      name: 'pg2',
      role: 'replica',
      state: 'streaming',
      timeline: 3,
      lagBytes: 2048,
      host: '127.0.0.1:15434',
    },
  ],
  history: [
    {
      timeline: 2,
      lsn: '0/4000148',
      reason: 'no recovery target specified',
      time: '2026-11-21T09:12:40.118+00:00',
      newLeader: 'pg0',
    },
    {
      timeline: 1,
      lsn: '0/3000060',
      reason: 'no recovery target specified',
      time: '2026-11-20T18:03:11.402+00:00',
      newLeader: 'pg1',
    },
  ],
  pooler: { ready: true, mode: 'transaction', pointsTo: 'pg0' },
  backups: {
    logical: {
      schedule: '30 0 * * *',
      lastSuccess: '2026-11-21T00:31:02Z',
      runs: [
        {
          name: 'logical-20261121',
          status: 'Succeeded',
          startedAt: '2026-11-21T00:30:00Z',
          finishedAt: '2026-11-21T00:31:02Z',
          durationSeconds: 62,
        },
        {
          name: 'logical-20261120',
          status: 'Failed',
          startedAt: '2026-11-20T00:30:00Z',
          finishedAt: '2026-11-20T00:30:09Z',
          durationSeconds: 9,
        },
      ],
    },
    base: [
      {
        label: '20261121-003000F',
        type: 'full',
        startedAt: '2026-11-21T00:30:00Z',
        finishedAt: '2026-11-21T00:30:41Z',
        sizeBytes: 31_457_280,
        walStart: '000000030000000000000005',
        walStop: '000000030000000000000005',
      },
    ],
    recoveryWindow: {
      earliest: '2026-11-21T00:30:41Z',
      latest: '2026-11-22T03:55:10Z',
    },
  },
  fetchedAt: '2026-11-22T03:55:12Z',
};

/** A replica far behind and a sync standby missing: the backend says why. */
export const degradedStatus: ClusterStatus = {
  ...healthyStatus,
  cluster: {
    ...healthyStatus.cluster,
    replicationMode: 'synchronous',
    readyInstances: 2,
  },
  health: {
    state: 'Degraded',
    reasons: [
      'pg2 is 48.0 MiB behind the leader',
      'only 2 of 3 members are running',
    ],
  },
  members: [
    healthyStatus.members[0],
    {
      ...healthyStatus.members[1],
      role: 'sync_standby',
      state: 'stopped',
      lagBytes: null,
    },
    { ...healthyStatus.members[2], lagBytes: 50_331_648 },
  ],
};

export const downStatus: ClusterStatus = {
  ...healthyStatus,
  cluster: { ...healthyStatus.cluster, readyInstances: 0 },
  health: { state: 'Down', reasons: ['no member holds the leader lock'] },
  members: healthyStatus.members.map(m => ({
    ...m,
    role: 'replica' as const,
    state: 'stopped',
    lagBytes: null,
  })),
};

/** The backend could not reach any Patroni member. */
export const unreachableStatus: ClusterStatus = {
  ...healthyStatus,
  cluster: {
    ...healthyStatus.cluster,
    readyInstances: 0,
    postgresVersion: undefined,
  },
  health: { state: 'Unknown', reasons: [] },
  members: [],
  history: [],
  backups: { base: [] },
  error: {
    type: 'PatroniUnreachable',
    message:
      'No Patroni member answered at 127.0.0.1:15438, 127.0.0.1:15439, 127.0.0.1:15440',
  },
};

export const noBackupsStatus: ClusterStatus = {
  ...healthyStatus,
  backups: { base: [] },
};

/** A Zalando operator cluster read through the Kubernetes API (pods, nodes, restarts). */
export const kubernetesStatus: ClusterStatus = {
  ...healthyStatus,
  cluster: {
    ...healthyStatus.cluster,
    name: 'orders-db',
    source: 'kubernetes',
    kubernetesCluster: 'prod-eu',
    namespace: 'data',
    operatorStatus: 'Running',
    endpoints: {
      primary: 'orders-db.data.svc:5432',
      replicas: 'orders-db-repl.data.svc:5432',
      pooler: 'orders-db-pooler.data.svc:5432',
    },
    links: { pgadmin: 'https://pgadmin.example.test/browser/' },
  },
  members: [
    {
      name: 'orders-db-0',
      role: 'leader',
      state: 'running',
      timeline: 5,
      lagBytes: 0,
      host: '10.2.1.17',
      pod: 'orders-db-0',
      node: 'ip-10-0-1-23',
      restarts: 0,
    },
    {
      name: 'orders-db-1',
      role: 'sync_standby',
      state: 'streaming',
      timeline: 5,
      lagBytes: 0,
      host: '10.2.3.9',
      pod: 'orders-db-1',
      node: 'ip-10-0-3-7',
      restarts: 2,
    },
  ],
};

/** The lab a second after its leader pg0 was killed: the DCS still names it, it answers nothing. */
export const leaderLostStatus: ClusterStatus = {
  ...healthyStatus,
  cluster: { ...healthyStatus.cluster, readyInstances: 2 },
  health: {
    state: 'Down',
    reasons: ['Leader pg0 unreachable — Patroni fails over within ttl 10 s'],
  },
  members: [
    {
      ...healthyStatus.members[0],
      state: 'unreachable',
      dcsState: 'running',
      lagBytes: null,
    },
    { ...healthyStatus.members[1], state: 'running' },
    { ...healthyStatus.members[2], state: 'running' },
  ],
  failover: {
    phase: 'leader-unreachable',
    oldLeader: 'pg0',
    since: '2026-11-22T03:55:11Z',
    ttlSeconds: 10,
  },
  ageMs: 300,
  refreshIntervalSeconds: 5,
};

/** After it: a failover and a switchover the backend saw, with who asked for the switchover. */
export const observedHistory: ClusterStatus['history'] = [
  {
    timeline: 5,
    lsn: '0/6000148',
    reason: 'no recovery target specified',
    time: '2026-11-22T04:10:00Z',
    newLeader: 'pg2',
    oldLeader: 'pg1',
    type: 'switchover',
    recoverySeconds: 2.1,
    initiator: 'user:default/dba',
  },
  {
    timeline: 4,
    lsn: '0/5000148',
    reason: 'no recovery target specified',
    time: '2026-11-22T03:55:20Z',
    newLeader: 'pg1',
    oldLeader: 'pg0',
    type: 'failover',
    recoverySeconds: 9.4,
  },
];
