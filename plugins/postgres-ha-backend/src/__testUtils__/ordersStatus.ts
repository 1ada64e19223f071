import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  FakeAnswer,
  kubernetesConfigFor,
  startFakeKubernetesApi,
  zalandoRoutes,
} from './fakeKubernetesApi';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from './startPluginBackend';

const orders = clusterEntity('orders-db', {
  'postgres-ha/cluster-name': 'acid-orders',
  'postgres-ha/source': 'kubernetes',
  'postgres-ha/namespace': 'db',
});

/**
 * One GET /status of acid-orders from a fresh backend with `postgresHa`, against
 * a fake API server answering the recorded routes with `routes` on top.
 */
export async function ordersStatus(options: {
  postgresHa: JsonObject;
  routes?: Record<string, FakeAnswer>;
}) {
  const api = await startFakeKubernetesApi({
    recording: 'acid-orders',
    routes: { ...zalandoRoutes('db', 'acid-orders'), ...options.routes },
  });
  const backend = await startPluginBackend({
    config: {
      postgresHa: { requestTimeoutSeconds: 2, ...options.postgresHa },
      kubernetes: kubernetesConfigFor(api.url),
    },
    entities: [orders],
  });
  try {
    const res = await request(backend.server).get(
      `${entityPath('orders-db')}/status`,
    );
    expect(res.status).toBe(200);
    return { body: res.body as ClusterStatus, text: res.text, api };
  } finally {
    await backend.stop();
    await api.close();
  }
}
