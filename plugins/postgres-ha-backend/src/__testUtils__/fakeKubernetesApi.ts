import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '..', '__fixtures__', 'kubernetes');

/** A request the fake API server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

/**
 * Answer for a route: a fixture file name, a status with a body (JSON, a plain
 * string sent as text, or a function of the request), or "hang" (never answer).
 */
export type FakeAnswer =
  | string
  | { status: number; body: unknown | ((request: RecordedRequest) => unknown) }
  | 'hang';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/**
 * Replays a recorded file so that its timestamps keep their age relative to
 * `replayedAt` (default now).
 */
export function replay(
  recording: string,
  file: string,
  replayedAt = Date.now(),
): unknown {
  const dir = path.join(FIXTURES, recording);
  const recordedAt = Date.parse(
    JSON.parse(fs.readFileSync(path.join(dir, 'recording.json'), 'utf8'))
      .recordedAt,
  );
  const shift = replayedAt - recordedAt;
  const text = fs
    .readFileSync(path.join(dir, file), 'utf8')
    .replace(ISO, t => new Date(Date.parse(t) + shift).toISOString());
  return JSON.parse(text);
}

/** The routes @kubernetes/client-node calls for one cluster, mapped to recorded files. */
export function zalandoRoutes(
  namespace: string,
  name: string,
): Record<string, FakeAnswer> {
  const ns = `/namespaces/${namespace}`;
  return {
    [`GET /apis/acid.zalan.do/v1${ns}/postgresqls/${name}`]: 'postgresql.json',
    [`GET /api/v1${ns}/pods`]: 'pods.json',
    [`GET /apis/apps/v1${ns}/statefulsets/${name}`]: 'statefulset.json',
    [`GET /api/v1${ns}/services`]: 'services.json',
    [`GET /api/v1${ns}/endpoints`]: 'endpoints.json',
    [`GET /api/v1${ns}/configmaps`]: 'configmaps.json',
    [`GET /apis/apps/v1${ns}/deployments`]: 'deployments.json',
    [`GET /apis/batch/v1${ns}/cronjobs/logical-backup-${name}`]: 'cronjob.json',
    [`GET /apis/batch/v1${ns}/jobs`]: 'jobs.json',
    [`GET /api/v1${ns}/persistentvolumeclaims`]: 'persistentvolumeclaims.json',
    [`GET /api/v1${ns}/events`]: 'events.json',
  };
}

/** A Kubernetes `Status` failure body, as the API server sends it. */
export function statusBody(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/**
 * A real HTTP server on 127.0.0.1 that answers like a Kubernetes API server
 * from recorded responses, so the real @kubernetes/client-node code runs
 * against it. Every request is recorded.
 */
export async function startFakeKubernetesApi(options: {
  recording: string;
  routes: Record<string, FakeAnswer>;
  /** Answer for anything not in `routes` (default 404 Status). */
  fallback?: FakeAnswer;
}) {
  const requests: RecordedRequest[] = [];
  // One shift for the server's lifetime: repeated reads of a file answer the same.
  const startedAt = Date.now();
  const routes: Record<string, FakeAnswer> = { ...options.routes };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: raw ? JSON.parse(raw) : undefined,
      };
      requests.push(recorded);
      const answer = routes[`${recorded.method} ${recorded.path}`] ??
        options.fallback ?? {
          status: 404,
          body: statusBody(
            404,
            'NotFound',
            `the server could not find the requested resource (${recorded.path})`,
          ),
        };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const { status, body } =
        typeof answer === 'string'
          ? { status: 200, body: replay(options.recording, answer, startedAt) }
          : answer;
      const payload = typeof body === 'function' ? body(recorded) : body;
      if (typeof payload === 'string') {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(payload);
      } else {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    /** Requests for one route, e.g. `GET /api/v1/namespaces/db/pods`. */
    count: (route: string) =>
      requests.filter(r => `${r.method} ${r.path}` === route).length,
    close: async () => {
      hanging.forEach(res => res.destroy());
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** The `kubernetes` config block that points one service-account cluster at a fake API. */
export function kubernetesConfigFor(url: string, name = 'prod') {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name,
            url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'sa-token',
            // @kubernetes/client-node only speaks plain HTTP (the local fake) with this set.
            skipTLSVerify: true,
          },
        ],
      },
    ],
  };
}
