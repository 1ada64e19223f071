/*
 * yarn bench:status — what many viewers of one cluster cost the upstream.
 *
 * Starts the plugin in a test backend against the lab (a running lab, or one it
 * brings up and down itself), with a counting proxy in front of each Patroni
 * REST URL. Then, for 1 and for 100 viewers, each viewer holds the event stream
 * open and reloads GET /status once a second for BENCH_SECONDS. Prints Patroni
 * requests per refresh interval and p50/p95 of GET /status.
 *
 * Then BENCH_FAILOVERS times: kill the leader (scripts/lab kill-leader) with one
 * viewer watching, poll Patroni's /cluster and GET /status side by side, and
 * print when the backend said Down and how long after Patroni's /cluster the
 * backend showed the new leader (goals: ≤ 2 s and ≤ 1 s).
 *
 * Environment: BENCH_SECONDS (default 20), BENCH_REFRESH_SECONDS (default 2),
 * BENCH_FAILOVERS (default 3, 0 skips them),
 * LAB_DIR / LAB_PORT_BASE (default: a private lab on 19430 unless one is up).
 */
import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresHaPlugin } from '../src/plugin';
import { clusterEntity } from '../src/__testUtils__/startPluginBackend';
import { watchFailover } from '../src/__testUtils__/watchFailover';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REFRESH = Number(process.env.BENCH_REFRESH_SECONDS ?? 2);
const FAILOVERS = Number(process.env.BENCH_FAILOVERS ?? 3);
const ENTITY = '/api/postgres-ha/entities/resource/default/lab-postgres';

interface LabStatus {
  up: boolean;
  patroniUrls: string[];
  ports: { pgbouncer: number };
  pgbackrest: { configPath: string; stanza: string; bin: string };
}

async function useLab(): Promise<{
  status: LabStatus;
  lab: (...args: string[]) => Promise<{ stdout: string }>;
  stop: () => Promise<void>;
}> {
  const ownDir = !process.env.LAB_DIR;
  const env = {
    ...process.env,
    LAB_DIR:
      process.env.LAB_DIR ??
      path.join(os.tmpdir(), `pgha-bench-lab-${process.pid}`),
    LAB_PORT_BASE: process.env.LAB_PORT_BASE ?? '19430',
  };
  const lab = (...args: string[]) =>
    run(path.join(repoRoot, 'scripts', 'lab'), args, { env, timeout: 200_000 });
  const current = JSON.parse(
    (await lab('status').catch(e => e)).stdout,
  ) as LabStatus;
  if (current.up) {
    return { status: current, lab, stop: async () => undefined };
  }
  if (ownDir) {
    fs.mkdirSync(env.LAB_DIR, { recursive: true, mode: 0o755 });
  }
  console.log(
    `bringing up a lab in ${env.LAB_DIR} (ports from ${env.LAB_PORT_BASE})…`,
  );
  await lab('up', '--no-backup');
  const status = JSON.parse((await lab('status')).stdout) as LabStatus;
  return {
    status,
    lab,
    stop: async () => {
      await lab('down');
      if (ownDir) {
        fs.rmSync(env.LAB_DIR, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A reverse proxy to one Patroni REST URL that counts what passes through it.
 * Patroni names members by their real API URLs; the proxy rewrites those to the
 * proxies' URLs, as a front proxy would, so the backend recognises its members.
 */
async function countingProxy(
  target: string,
  counts: Map<string, number>,
  rewrite: Map<string, string>,
) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${req.url?.split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        const chunks: Buffer[] = [];
        answer.on('data', chunk => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          rewrite.forEach((to, from) => {
            body = body.split(from).join(to);
          });
          res.writeHead(answer.statusCode ?? 502, {
            'content-type':
              answer.headers['content-type'] ?? 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rewrite.set(target, url);
  return { server, url };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : NaN;
}

function getJson(port: number, route: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: route, agent: false }, res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** One viewer: the entity tab's event stream, and a reload every second. */
async function viewer(port: number, until: number, latencies: number[]) {
  // Viewers arrive independently, not in lockstep.
  await new Promise(r => setTimeout(r, Math.random() * 1000));
  const stream = http.get(
    { host: '127.0.0.1', port, path: `${ENTITY}/events`, agent: false },
    res => res.resume(),
  );
  stream.on('error', () => undefined);
  while (Date.now() < until) {
    latencies.push(await getJson(port, `${ENTITY}/status`));
    await new Promise(r => setTimeout(r, 1000));
  }
  stream.destroy();
}

async function phase(
  port: number,
  viewers: number,
  counts: Map<string, number>,
) {
  counts.clear();
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: viewers }, () => viewer(port, until, latencies)),
  );
  const requests = [...counts.values()].reduce((a, b) => a + b, 0);
  const intervals = SECONDS / REFRESH;
  latencies.sort((a, b) => a - b);
  const row = {
    viewers,
    statusRequests: latencies.length,
    patroniRequests: requests,
    perRefreshInterval: +(requests / intervals).toFixed(2),
    clusterReadsPerInterval: +(
      (counts.get('GET /cluster') ?? 0) / intervals
    ).toFixed(2),
    p50ms: +percentile(latencies, 50).toFixed(1),
    p95ms: +percentile(latencies, 95).toFixed(1),
  };
  // Let the refresh timer stop before the next phase.
  await new Promise(r => setTimeout(r, REFRESH * 1000 + 500));
  return row;
}

/** Kills the lab's leader with one viewer watching; the delays of one failover. */
async function failover(
  port: number,
  lab: (...args: string[]) => Promise<{ stdout: string }>,
  patroniUrls: string[],
) {
  const status = async () => {
    const response = await fetch(`http://127.0.0.1:${port}${ENTITY}/status`);
    return (await response.json()) as ClusterStatus;
  };
  await lab('heal');
  const healthyBy = Date.now() + 90_000;
  let healthy = await status();
  while (healthy.health.state !== 'Healthy' && Date.now() < healthyBy) {
    await new Promise(r => setTimeout(r, 500));
    healthy = await status();
  }
  const oldLeader = healthy.members.find(m => m.role === 'leader')?.name;
  if (healthy.health.state !== 'Healthy' || !oldLeader) {
    throw new Error(
      `lab not healthy before the failover: ${healthy.health.reasons}`,
    );
  }
  const stream = http.get(
    { host: '127.0.0.1', port, path: `${ENTITY}/events`, agent: false },
    res => res.resume(),
  );
  stream.on('error', () => undefined);
  try {
    await new Promise(r => setTimeout(r, 1500));
    await lab('kill-leader');
    const t = await watchFailover({
      patroniUrls,
      status,
      oldLeader,
      killedAt: Date.now(),
      timeoutMs: 60_000,
      everyMs: 50,
    });
    return {
      killed: oldLeader,
      newLeader: t.newLeader,
      downAfterMs: t.backendDownMs,
      patroniNewLeaderMs: t.patroniNewLeaderMs,
      backendNewLeaderMs: t.backendNewLeaderMs,
      delayMs:
        t.backendNewLeaderMs !== undefined && t.patroniNewLeaderMs !== undefined
          ? Math.max(t.backendNewLeaderMs - t.patroniNewLeaderMs, 0)
          : undefined,
    };
  } finally {
    stream.destroy();
  }
}

async function main() {
  const lab = await useLab();
  const counts = new Map<string, number>();
  const rewrite = new Map<string, string>();
  const proxies = await Promise.all(
    lab.status.patroniUrls.map(u => countingProxy(u, counts, rewrite)),
  );
  const backend = await startTestBackend({
    features: [
      postgresHaPlugin,
      mockServices.rootConfig.factory({
        data: {
          postgresHa: {
            refreshIntervalSeconds: REFRESH,
            patroni: {
              clusters: [
                {
                  name: 'lab',
                  urls: proxies.map(p => p.url),
                  pgbackrest: {
                    ...lab.status.pgbackrest,
                    command: lab.status.pgbackrest.bin,
                  },
                  pooler: {
                    host: '127.0.0.1',
                    port: lab.status.ports.pgbouncer,
                  },
                },
              ],
            },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          clusterEntity('lab-postgres', {
            'postgres-ha/cluster-name': 'lab',
            'postgres-ha/source': 'patroni',
          }),
        ],
      }),
    ],
  });
  try {
    const { port } = backend.server.address() as AddressInfo;
    console.log(
      `${SECONDS} s per phase, refresh interval ${REFRESH} s; counting requests to ${lab.status.patroniUrls.join(
        ', ',
      )}`,
    );
    // Warm-up: the first read also runs pgBackRest; it is not what a viewer waits for.
    await getJson(port, `${ENTITY}/status`);
    const rows = [];
    for (const viewers of [1, 100]) {
      rows.push(await phase(port, viewers, counts));
    }
    console.table(rows);
    const byRoute = Object.fromEntries(
      [...counts].map(([route, n]) => [route, n]),
    );
    console.log('Patroni requests of the last phase by route:', byRoute);
    const failovers = [];
    for (let i = 0; i < FAILOVERS; i++) {
      failovers.push(await failover(port, lab.lab, lab.status.patroniUrls));
    }
    if (failovers.length) {
      console.log(
        'Leader killed: ms after the kill until the backend said Down, and until Patroni / the backend showed the new leader (goals: Down ≤ 2000, delay ≤ 1000)',
      );
      console.table(failovers);
      const delays = failovers.map(f => f.delayMs ?? Infinity);
      const downs = failovers.map(f => f.downAfterMs ?? Infinity);
      console.log(
        `Down after: max ${Math.max(
          ...downs,
        )} ms; new-leader delay: max ${Math.max(...delays)} ms over ${
          failovers.length
        } failovers`,
      );
    }
  } finally {
    await backend.stop();
    proxies.forEach(p => p.server.close());
    await lab.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
