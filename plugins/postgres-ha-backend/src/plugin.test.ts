import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { postgresHaPlugin } from './plugin';

describe('postgresHaPlugin', () => {
  it('serves its health route from a real test backend', async () => {
    const { server } = await startTestBackend({
      features: [postgresHaPlugin, mockServices.rootConfig.factory()],
    });
    const response = await request(server).get('/api/postgres-ha/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
