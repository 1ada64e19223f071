import request from 'supertest';
import { startPluginBackend } from './__testUtils__/startPluginBackend';

describe('GET /kubernetes-clusters', () => {
  it('lists the configured Kubernetes clusters by name only, for the Create wizard', async () => {
    const { server } = await startPluginBackend({
      config: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'prod', url: 'https://127.0.0.1:6443' },
                { name: 'staging', url: 'https://127.0.0.1:6444' },
              ],
            },
          ],
        },
      },
      entities: [],
    });
    const response = await request(server).get(
      '/api/postgres-ha/kubernetes-clusters',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: ['prod', 'staging'] });
  });
});
