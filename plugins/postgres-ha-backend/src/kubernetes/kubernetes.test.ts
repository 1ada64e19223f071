import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import request from 'supertest';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';
import { readEvents } from '../__testUtils__/readEvents';
import {
  replay,
  startFakeKubernetesApi,
  statusBody,
  zalandoRoutes,
} from '../__testUtils__/fakeKubernetesApi';

const TOKEN = 'sa-token-do-not-leak';
const POSTGRESQL =
  'GET /apis/acid.zalan.do/v1/namespaces/db/postgresqls/acid-orders';
const PODS = 'GET /api/v1/namespaces/db/pods';

const orders = clusterEntity('orders-db', {
  'postgres-ha/cluster-name': 'acid-orders',
  'postgres-ha/source': 'kubernetes',
  'postgres-ha/namespace': 'db',
  'postgres-ha/kubernetes-cluster': 'prod',
});
const payments = clusterEntity('payments-db', {
  'postgres-ha/cluster-name': 'acid-payments',
  'postgres-ha/source': 'kubernetes',
  'postgres-ha/namespace': 'db',
  'postgres-ha/kubernetes-cluster': 'dr',
});

type FakeApi = Awaited<ReturnType<typeof startFakeKubernetesApi>>;
const apis: FakeApi[] = [];

async function fakeApi(
  overrides: Parameters<typeof startFakeKubernetesApi>[0]['routes'] = {},
  fallback?: Parameters<typeof startFakeKubernetesApi>[0]['fallback'],
) {
  const api = await startFakeKubernetesApi({
    recording: 'acid-orders',
    routes: { ...zalandoRoutes('db', 'acid-orders'), ...overrides },
    fallback,
  });
  apis.push(api);
  return api;
}

function backendFor(
  clusters: Record<string, string>,
  postgresHa: Record<string, unknown> = {},
) {
  return startPluginBackend({
    config: {
      postgresHa: {
        refreshIntervalSeconds: 0.2,
        requestTimeoutSeconds: 2,
        ...postgresHa,
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: Object.entries(clusters).map(([name, url]) => ({
              name,
              url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              // @kubernetes/client-node only speaks plain HTTP (the local fake) with this set.
              skipTLSVerify: true,
            })),
          },
        ],
      },
    },
    entities: [orders, payments],
  });
}

async function statusOf(
  server: Parameters<typeof request>[0],
  entity: string,
): Promise<ClusterStatus> {
  const response = await request(server).get(`${entityPath(entity)}/status`);
  expect(response.status).toBe(200);
  return response.body;
}

afterEach(async () => {
  await Promise.all(apis.splice(0).map(api => api.close()));
});

describe('Kubernetes (Zalando operator v2) source (recorded Kubernetes API responses)', () => {
  it('says Degraded, with reasons, when the operator says Running but a replica is crash-looping (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi();
    const { server } = await backendFor({ prod: api.url });
    const status = await statusOf(server, 'orders-db');

    expect(status.cluster.operatorStatus).toBe('Running');
    expect(status.health.state).toBe('Degraded');
    expect(status.health.reasons).toEqual([
      'Replica acid-orders-2 is not streaming (state: CrashLoopBackOff)',
      '2 of 3 desired instances are ready',
    ]);
    expect(status.members).toEqual([
      expect.objectContaining({
        name: 'acid-orders-0',
        role: 'leader',
        state: 'running',
        lagBytes: 0,
        timeline: 3,
        node: 'worker-a',
        host: '10.244.1.15',
      }),
      expect.objectContaining({
        name: 'acid-orders-1',
        role: 'replica',
        state: 'streaming',
        lagBytes: 0,
      }),
      expect.objectContaining({
        name: 'acid-orders-2',
        role: 'replica',
        state: 'CrashLoopBackOff',
        lagBytes: null,
        restarts: 7,
      }),
    ]);
    expect(status.cluster).toMatchObject({
      source: 'kubernetes',
      kubernetesCluster: 'prod',
      namespace: 'db',
      postgresVersion: '18',
      replicationMode: 'async',
      desiredInstances: 3,
      readyInstances: 2,
      endpoints: {
        primary: 'acid-orders.db.svc:5432',
        replicas: 'acid-orders-repl.db.svc:5432',
        pooler: 'acid-orders-pooler.db.svc:5432',
      },
    });
    expect(status.history[0]).toMatchObject({
      timeline: 3,
      newLeader: 'acid-orders-0',
      lsn: '0/5000158',
    });
    expect(status.history).toHaveLength(2);
    expect(status.pooler).toEqual({
      ready: true,
      desired: 2,
      readyInstances: 2,
      mode: 'transaction',
      pointsTo: 'acid-orders-0',
    });
    expect(status.backups.logical).toMatchObject({ schedule: '30 00 * * *' });
    expect(status.backups.logical!.runs.map(r => r.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Failed',
    ]);
    expect(status.backups.logical!.lastSuccess).toBe(
      status.backups.logical!.runs[0].finishedAt,
    );
    expect(status.kubernetes!.volumes.map(v => v.phase)).toEqual([
      'Bound',
      'Bound',
      'Bound',
    ]);
    expect(
      status.kubernetes!.events.map(e => `${e.object} ${e.reason}`),
    ).toEqual(['Pod/acid-orders-2 BackOff', 'Pod/acid-orders-2 Unhealthy']);

    // The real client sent the service-account token and the operator's label selectors.
    expect(api.requests.every(r => r.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    expect(
      api.requests.find(r => `${r.method} ${r.path}` === PODS)?.query
        .labelSelector,
    ).toBe('application=spilo,cluster-name=acid-orders');
  });

  it('says Healthy for the same recording once the replica streams again (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi({ [PODS]: 'pods-recovered.json' });
    const { server } = await backendFor({ prod: api.url });
    const status = await statusOf(server, 'orders-db');
    expect(status.health).toEqual({ state: 'Healthy', reasons: [] });
    expect(status.members.filter(m => m.state === 'streaming')).toHaveLength(2);
  });

  it.each([
    [
      401,
      'KubernetesUnauthorized',
      "Kubernetes cluster 'prod' rejected the service-account token (401)",
    ],
    [
      403,
      'KubernetesForbidden',
      'forbids postgresql acid-orders in namespace db to the service account (403)',
    ],
    [
      404,
      'KubernetesNotFound',
      "postgresql acid-orders in namespace db was not found in Kubernetes cluster 'prod'",
    ],
    [
      503,
      'KubernetesServerError',
      "Kubernetes cluster 'prod' failed with HTTP 503",
    ],
  ])(
    'turns HTTP %d into %s without leaking the token (recorded Kubernetes API responses)',
    async (code, type, message) => {
      const api = await fakeApi({
        [POSTGRESQL]: {
          status: code,
          body: statusBody(code, 'Failure', `recorded ${code}`),
        },
      });
      const { server } = await backendFor({ prod: api.url });
      const status = await statusOf(server, 'orders-db');
      expect(status.health.state).toBe('Unknown');
      expect(status.error!.type).toBe(type);
      expect(status.error!.message).toContain(message);
      expect(JSON.stringify(status)).not.toContain(TOKEN);
    },
  );

  it('turns an API server that does not answer into a Timeout (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi({ [PODS]: 'hang' });
    const { server } = await backendFor(
      { prod: api.url },
      { requestTimeoutSeconds: 0.3 },
    );
    const status = await statusOf(server, 'orders-db');
    expect(status.error).toEqual({
      type: 'Timeout',
      message:
        "Kubernetes cluster 'prod' (reading pods in namespace db) did not answer within 300 ms",
    });
  });

  it('turns an unparseable Patroni status annotation into MalformedResponse (recorded Kubernetes API responses)', async () => {
    const pods = replay('acid-orders', 'pods.json') as {
      items: { metadata: { annotations: Record<string, string> } }[];
    };
    pods.items[1].metadata.annotations.status = '{"state":"running",';
    const api = await fakeApi({ [PODS]: { status: 200, body: pods } });
    const { server } = await backendFor({ prod: api.url });
    const status = await statusOf(server, 'orders-db');
    expect(status.error).toEqual({
      type: 'MalformedResponse',
      message:
        'Patroni status annotation of pod acid-orders-1 is not valid JSON',
    });
  });

  it('keeps serving one cluster while another Kubernetes cluster fails (recorded Kubernetes API responses)', async () => {
    const prod = await fakeApi();
    const dr = await fakeApi(
      {},
      {
        status: 500,
        body: statusBody(500, 'InternalError', 'etcdserver: request timed out'),
      },
    );
    const { server } = await backendFor({ prod: prod.url, dr: dr.url });
    const [good, bad] = await Promise.all([
      statusOf(server, 'orders-db'),
      statusOf(server, 'payments-db'),
    ]);
    expect(good.members).toHaveLength(3);
    expect(good.health.state).toBe('Degraded');
    expect(bad.health.state).toBe('Unknown');
    expect(bad.cluster).toMatchObject({
      name: 'acid-payments',
      kubernetesCluster: 'dr',
      namespace: 'db',
    });
    expect(bad.error!.type).toBe('KubernetesServerError');
  });

  it('scales by JSON-merge-patching numberOfInstances of the postgresql object (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi({
      [POSTGRESQL.replace('GET', 'PATCH')]: 'postgresql.json',
    });
    const backend = await backendFor({ prod: api.url });
    const response = await request(backend.server)
      .post(`${entityPath('orders-db')}/scale`)
      .send({ instances: 5 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      operation: 'scale',
      status: 'accepted',
    });
    const patch = api.requests.find(r => r.method === 'PATCH');
    expect(patch).toMatchObject({
      path: '/apis/acid.zalan.do/v1/namespaces/db/postgresqls/acid-orders',
      contentType: 'application/merge-patch+json',
      body: { spec: { numberOfInstances: 5 } },
    });
    expect(backend.audits).toEqual([
      expect.objectContaining({
        eventId: 'cluster-scale',
        result: 'success',
        meta: expect.objectContaining({
          instances: 5,
          entityRef: 'resource:default/orders-db',
        }),
      }),
    ]);
  });

  it('refuses to scale outside postgresHa.scale bounds and patches nothing (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi();
    const backend = await backendFor(
      { prod: api.url },
      { scale: { minInstances: 2, maxInstances: 5 } },
    );
    const response = await request(backend.server)
      .post(`${entityPath('orders-db')}/scale`)
      .send({ instances: 6 });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'instances: 6 is outside the allowed range 2..5 (postgresHa.scale)',
    );
    expect(api.requests.filter(r => r.method !== 'GET')).toEqual([]);
    expect(backend.audits).toEqual([
      expect.objectContaining({ eventId: 'cluster-scale', result: 'fail' }),
    ]);
  });

  it('backs up now by creating a Job from the logical-backup CronJob template (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi({
      'POST /apis/batch/v1/namespaces/db/jobs': {
        status: 201,
        body: (r: { body?: unknown }) => r.body,
      },
    });
    const { server } = await backendFor({ prod: api.url });
    const response = await request(server)
      .post(`${entityPath('orders-db')}/backup`)
      .send({});
    expect(response.status).toBe(202);
    const cronJob = replay('acid-orders', 'cronjob.json') as {
      metadata: { uid: string };
      spec: { jobTemplate: { spec: unknown } };
    };
    const created = api.requests.find(r => r.method === 'POST')!;
    expect(created.body).toMatchObject({
      kind: 'Job',
      metadata: {
        namespace: 'db',
        labels: {
          application: 'spilo-logical-backup',
          'cluster-name': 'acid-orders',
        },
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          {
            kind: 'CronJob',
            name: 'logical-backup-acid-orders',
            uid: cronJob.metadata.uid,
          },
        ],
      },
      spec: cronJob.spec.jobTemplate.spec,
    });
    expect(
      (created.body as { metadata: { name: string } }).metadata.name,
    ).toMatch(/^logical-backup-acid-orders-manual-[a-z0-9]+$/);
  });

  it('switches over through the leader pod proxy of the API server (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi({
      'POST /api/v1/namespaces/db/pods/acid-orders-0:8008/proxy/switchover': {
        status: 200,
        body: 'Successfully switched over to "acid-orders-1"',
      },
    });
    const { server } = await backendFor({ prod: api.url });
    const response = await request(server)
      .post(`${entityPath('orders-db')}/switchover`)
      .send({ candidate: 'acid-orders-1' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      operation: 'switchover',
      status: 'succeeded',
      message: 'Successfully switched over to "acid-orders-1"',
    });
    const post = api.requests.find(r => r.method === 'POST')!;
    expect(post.body).toEqual({
      leader: 'acid-orders-0',
      candidate: 'acid-orders-1',
    });
    expect(post.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('serves 50 concurrent status requests from one upstream read (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi();
    const { server } = await backendFor(
      { prod: api.url },
      { refreshIntervalSeconds: 30 },
    );
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => statusOf(server, 'orders-db')),
    );
    expect(new Set(answers.map(a => a.fetchedAt)).size).toBe(1);
    expect(api.count(POSTGRESQL)).toBe(1);
    expect(api.count(PODS)).toBe(1);
    expect(api.requests).toHaveLength(11);
  });

  it('lets 50 event-stream viewers cost the upstream what one costs, pushing only changes (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi();
    const { server } = await backendFor(
      { prod: api.url },
      { refreshIntervalSeconds: 0.2 },
    );
    const watch = async (viewers: number) => {
      const before = api.count(POSTGRESQL);
      const streams = await Promise.all(
        Array.from({ length: viewers }, () =>
          readEvents(server, `${entityPath('orders-db')}/events`),
        ),
      );
      await Promise.all(streams.map(s => s.waitFor(() => true, 5_000)));
      await new Promise(r => setTimeout(r, 1_200));
      streams.forEach(s => s.close());
      // The recorded API cannot watch: the one change a viewer may also see is `watch` going down.
      const eventsPerViewer = streams.map(
        s =>
          new Set(
            s.events.map(({ watch: _w, fetchedAt: _t, ageMs: _a, ...rest }) =>
              JSON.stringify(rest),
            ),
          ).size,
      );
      await new Promise(r => setTimeout(r, 400));
      return { upstreamReads: api.count(POSTGRESQL) - before, eventsPerViewer };
    };
    const one = await watch(1);
    const fifty = await watch(50);
    expect(one.upstreamReads).toBeGreaterThanOrEqual(4);
    expect(fifty.upstreamReads).toBeLessThanOrEqual(one.upstreamReads + 1);
    // Nothing changed upstream, so each viewer got only its first snapshot.
    expect(one.eventsPerViewer).toEqual([1]);
    expect(fifty.eventsPerViewer).toEqual(Array(50).fill(1));
    // With nobody watching, the refresh timer is stopped.
    const idle = api.count(POSTGRESQL);
    await new Promise(r => setTimeout(r, 600));
    expect(api.count(POSTGRESQL)).toBe(idle);
  });

  it('reads a cluster through a kubeconfig context and refuses an unknown context at startup (recorded Kubernetes API responses)', async () => {
    const api = await fakeApi();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-kubeconfig-'));
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'kind-prod',
            cluster: { server: api.url, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'kind-prod-admin', user: { token: TOKEN } }],
        contexts: [
          {
            name: 'kind-prod',
            context: { cluster: 'kind-prod', user: 'kind-prod-admin' },
          },
        ],
        'current-context': 'kind-prod',
      }),
    );
    const withContext = (context: string) =>
      startPluginBackend({
        config: {
          postgresHa: {
            kubernetes: {
              kubeconfigContexts: [{ name: 'prod', context, path: kubeconfig }],
            },
          },
        },
        entities: [orders],
      });
    try {
      const { server } = await withContext('kind-prod');
      const status = await statusOf(server, 'orders-db');
      expect(status.members).toHaveLength(3);
      expect(
        api.requests.every(r => r.authorization === `Bearer ${TOKEN}`),
      ).toBe(true);
      await expect(withContext('kind-staging')).rejects.toThrow(
        "postgresHa.kubernetes.kubeconfigContexts[prod]: context 'kind-staging' is not in the kubeconfig (contexts: kind-prod)",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
