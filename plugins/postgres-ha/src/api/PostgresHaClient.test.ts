/**
 * @jest-environment node
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { healthyStatus } from '../__testUtils__/fixtures';
import { ResponseError } from '@backstage/errors';
import backendErrors from '../__fixtures__/backendErrors.json';
import { errorMessage } from './errorMessage';
import { PostgresHaClient } from './PostgresHaClient';

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => void;

// A real HTTP server on 127.0.0.1 standing in for the backend routes.
let server: Server;
let handler: Handler;
let client: PostgresHaClient;
const seen: { method?: string; url?: string; body: string }[] = [];
const entity = { kind: 'Resource', namespace: 'default', name: 'lab/postgres' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new PostgresHaClient({
    discoveryApi: {
      getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
});
afterAll(() => new Promise(resolve => server.close(resolve)));
beforeEach(() => (seen.length = 0));

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
};

describe('PostgresHaClient', () => {
  it('reads the status from the encoded entity route', async () => {
    handler = (_req, res) => json(res, 200, healthyStatus);
    await expect(client.getStatus(entity)).resolves.toEqual(healthyStatus);
    expect(seen[0].url).toBe(
      '/api/postgres-ha/entities/Resource/default/lab%2Fpostgres/status',
    );
  });

  it('turns a backend error into a ResponseError carrying its message', async () => {
    handler = (_req, res) =>
      // the body shape Backstage's error handler middleware sends
      json(res, 403, {
        error: {
          name: 'NotAllowedError',
          message: 'not allowed to switch over',
        },
        request: { method: 'POST', url: '/switchover' },
        response: { statusCode: 403 },
      });
    await expect(client.switchover(entity, 'pg1')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'not allowed to switch over',
        },
      },
    });
  });

  it('posts each operation with its JSON body', async () => {
    const result = {
      operation: 'scale',
      status: 'accepted',
      message: 'ok',
      requestedAt: '2026-11-22T04:00:00Z',
    };
    handler = (_req, res) => json(res, 202, result);
    await client.switchover(entity, 'pg2');
    await client.scale(entity, 5);
    await client.backup(entity);
    await client.restore(entity, '2026-11-22T03:00:00Z');
    expect(
      seen.map(s => [s.method, s.url?.split('/').pop(), JSON.parse(s.body)]),
    ).toEqual([
      ['POST', 'switchover', { candidate: 'pg2' }],
      ['POST', 'scale', { instances: 5 }],
      ['POST', 'backup', {}],
      ['POST', 'restore', { targetTime: '2026-11-22T03:00:00Z' }],
    ]);
  });

  it.each(['switchoverWithoutLeader', 'scaleUpstreamUnreachable'] as const)(
    "keeps the backend's message of its recorded %s answer",
    async name => {
      const recorded = backendErrors[name];
      handler = (_req, res) => json(res, recorded.status, recorded.body);
      const error = await client.scale(entity, 3).catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(recorded.status);
      expect(error.cause.name).toBe(recorded.body.error.name);
      expect(errorMessage(error)).toBe(recorded.body.error.message);
    },
  );
  it('reads the operations history, with its limit, from the encoded entity route', async () => {
    const history = { operations: [] };
    handler = (_req, res) => json(res, 200, history);
    await expect(client.getOperations(entity, 20)).resolves.toEqual(history);
    await expect(client.getOperations(entity)).resolves.toEqual(history);
    expect(seen.map(s => s.url)).toEqual([
      '/api/postgres-ha/entities/Resource/default/lab%2Fpostgres/operations?limit=20',
      '/api/postgres-ha/entities/Resource/default/lab%2Fpostgres/operations',
    ]);
  });

  it('delivers each streamed status event and rejects when the stream ends', async () => {
    const second: ClusterStatus = {
      ...healthyStatus,
      fetchedAt: '2026-11-22T03:55:20Z',
    };
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': connected\n\n');
      res.write(`event: status\ndata: ${JSON.stringify(healthyStatus)}\n\n`);
      res.end(`event: status\ndata: ${JSON.stringify(second)}\n\n`);
    };
    const received: string[] = [];
    await expect(
      client.streamStatus(entity, {
        onStatus: s => received.push(s.fetchedAt),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('The status stream ended');
    expect(received).toEqual([healthyStatus.fetchedAt, second.fetchedAt]);
    expect(seen[0].url).toMatch(/\/events$/);
  });

  it('resolves quietly when the subscriber aborts an open stream', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`event: status\ndata: ${JSON.stringify(healthyStatus)}\n\n`);
    };
    const controller = new AbortController();
    await expect(
      client.streamStatus(entity, {
        onStatus: () => controller.abort(),
        signal: controller.signal,
      }),
    ).resolves.toBeUndefined();
  });
});
