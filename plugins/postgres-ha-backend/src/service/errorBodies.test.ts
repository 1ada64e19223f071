import { readFile, writeFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { resolve } from 'node:path';
import request from 'supertest';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/startPluginBackend';

/** The frontend's tests feed these answers of this backend to its client and dialogs. */
const recorded = resolve(
  __dirname,
  '../../../postgres-ha/src/__fixtures__/backendErrors.json',
);
// Port 9 (discard) is closed here: Patroni and the Kubernetes API are unreachable.
const unreachable = 'http://127.0.0.1:9';
const config = {
  postgresHa: { patroni: { clusters: [{ name: 'lab', urls: [unreachable] }] } },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            url: unreachable,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'token',
            skipTLSVerify: true,
          },
        ],
      },
    ],
  },
};
const entities = [
  clusterEntity('lab-postgres', {
    'postgres-ha/cluster-name': 'lab',
    'postgres-ha/source': 'patroni',
  }),
  clusterEntity('orders-db', {
    'postgres-ha/cluster-name': 'acid-orders',
    'postgres-ha/namespace': 'db',
  }),
];

describe('error answers of the backend', () => {
  it('are Backstage error bodies carrying the reason, as recorded for the frontend tests', async () => {
    const { server } = await startPluginBackend({ config, entities });
    const post = async (entity: string, operation: string, body: object) => {
      const response = await request(server)
        .post(`${entityPath(entity)}/${operation}`)
        .send(body);
      return {
        status: response.status,
        statusText: STATUS_CODES[response.status],
        body: response.body,
      };
    };
    const answers = {
      switchoverWithoutLeader: await post('lab-postgres', 'switchover', {}),
      scaleUpstreamUnreachable: await post('orders-db', 'scale', {
        instances: 3,
      }),
      invalidScale: await post('lab-postgres', 'scale', { instances: 'x' }),
    };

    expect(answers.switchoverWithoutLeader.status).toBe(409);
    expect(answers.scaleUpstreamUnreachable.status).toBe(502);
    expect(answers.scaleUpstreamUnreachable.body.error).toMatchObject({
      name: 'UpstreamFailure',
      type: 'KubernetesUnreachable',
    });
    expect(answers.invalidScale.status).toBe(400);
    for (const answer of Object.values(answers)) {
      expect(answer.body).toEqual({
        error: expect.objectContaining({
          name: expect.any(String),
          message: expect.any(String),
        }),
        request: { method: 'POST', url: expect.any(String) },
        response: { statusCode: answer.status },
      });
      expect(answer.body.error.stack).toBeUndefined();
      expect(answer.body.error.cause).toBeUndefined();
    }

    if (process.env.RECORD_BACKEND_ERRORS) {
      await writeFile(recorded, `${JSON.stringify(answers, null, 2)}\n`);
    }
    expect(answers).toEqual(JSON.parse(await readFile(recorded, 'utf8')));
  });
});
