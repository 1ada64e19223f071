import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';

const config = {
  postgresHa: {
    patroni: { clusters: [{ name: 'lab', urls: ['http://127.0.0.1:9'] }] },
  },
};
const entities = [
  clusterEntity('lab-postgres', {
    'postgres-ha/cluster-name': 'lab',
    'postgres-ha/source': 'patroni',
  }),
  clusterEntity('elsewhere', {
    'postgres-ha/cluster-name': 'not-configured',
    'postgres-ha/source': 'patroni',
  }),
];

describe('postgresHaPlugin', () => {
  it('serves its health route without credentials', async () => {
    const { server } = await startPluginBackend({ config, entities });
    const response = await request(server).get('/api/postgres-ha/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it.each([
    ['switchover', { candidate: 'pg1' }],
    ['scale', { instances: 3 }],
    ['backup', {}],
    ['restore', { targetTime: '2026-01-01T00:00:00Z' }],
  ])(
    'answers 403 and audits nothing on POST %s when the policy denies',
    async (operation, body) => {
      const backend = await startPluginBackend({
        config,
        entities,
        permission: AuthorizeResult.DENY,
      });
      const response = await request(backend.server)
        .post(`${entityPath('lab-postgres')}/${operation}`)
        .send(body);
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(response.body.error.message).toContain(
        `postgres-ha.cluster.${operation}`,
      );
      expect(backend.audits).toEqual([]);
    },
  );

  it.each(['status', 'events', 'operations'])(
    'answers 403 on GET %s without the read permission',
    async route => {
      const { server } = await startPluginBackend({
        config,
        entities,
        permission: AuthorizeResult.DENY,
      });
      const response = await request(server).get(
        `${entityPath('lab-postgres')}/${route}`,
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain('postgres-ha.cluster.read');
    },
  );

  it('refuses an entity that names an unconfigured cluster with 404 listing the configured ones', async () => {
    const { server } = await startPluginBackend({ config, entities });
    const response = await request(server).get(
      `${entityPath('elsewhere')}/status`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain(
      "names Patroni cluster 'not-configured', which is not in postgresHa.patroni.clusters (configured: lab)",
    );
  });

  it('reports an unreachable Patroni as status Unknown with a typed error instead of failing', async () => {
    const { server } = await startPluginBackend({ config, entities });
    const response = await request(server).get(
      `${entityPath('lab-postgres')}/status`,
    );
    expect(response.status).toBe(200);
    expect(response.body.health.state).toBe('Unknown');
    expect(response.body.error.type).toBe('PatroniUnreachable');
    expect(response.body.error.message).toContain(
      'http://127.0.0.1:9/cluster is unreachable',
    );
  });

  it('names the invalid field of a request body', async () => {
    const { server } = await startPluginBackend({ config, entities });
    const response = await request(server)
      .post(`${entityPath('lab-postgres')}/scale`)
      .send({ instances: 'three' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid scale request: instances: Expected number, received string',
    );
  });
});
