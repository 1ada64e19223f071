import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';
import { until } from './__testUtils__/until';

/*
 * The Kubernetes path against the real kube lab (scripts/kube-lab): kube-apiserver v1.36.3,
 * the Zalando operator, Patroni on the Kubernetes DCS. The backend reads as the lab's viewer,
 * whose RBAC is exactly the read part of docs/backend.md#rbac. A lab of its own (dir, ports,
 * network namespace, addresses).
 */
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const kubeLab = path.join(repoRoot, 'scripts', 'kube-lab');
const kubectlBin = path.join(repoRoot, '.tools', 'go', 'bin', 'kubectl');
const labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-backend-kubelab-'));
fs.chmodSync(labDir, 0o755);
const labEnv = {
  ...process.env,
  KUBE_LAB_DIR: labDir,
  KUBE_LAB_PORT_BASE: '27430',
  KUBE_LAB_NETNS: 'kubelabjest',
  KUBE_LAB_VETH_NET: '10.247.0',
  KUBE_LAB_POD_NET: '10.248',
};
const lab = (...args: string[]) =>
  run(kubeLab, args, { env: labEnv, timeout: 1_500_000 });
const kubectl = (...args: string[]) =>
  run(kubectlBin, [`--kubeconfig=${labDir}/admin.kubeconfig`, ...args], {
    timeout: 60_000,
  });

const NAME = 'acid-orders';
const ENTITY = 'orders-db';
const POSTGRESQL = {
  apiVersion: 'acid.zalan.do/v1',
  kind: 'postgresql',
  metadata: { name: NAME, namespace: 'default' },
  spec: {
    teamId: 'acid',
    numberOfInstances: 2,
    postgresql: { version: '15' },
    volume: { size: '1Gi' },
  },
};

let status: { apiServer: string };
let tokens: Record<string, string>;

function config(token: string) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'kube-lab',
              url: status.apiServer,
              authProvider: 'serviceAccount',
              serviceAccountToken: token,
              caFile: path.join(labDir, 'pki', 'ca.crt'),
            },
          ],
        },
      ],
    },
    postgresHa: { refreshIntervalSeconds: 1 },
  };
}

const entity = clusterEntity(ENTITY, {
  'postgres-ha/cluster-name': NAME,
  'postgres-ha/source': 'kubernetes',
  'postgres-ha/namespace': 'default',
  'postgres-ha/kubernetes-cluster': 'kube-lab',
});

beforeAll(async () => {
  await lab('down');
  await lab('up');
  status = JSON.parse(
    (await lab('status').catch(e => ({ stdout: e.stdout }))).stdout,
  );
  tokens = JSON.parse(
    fs.readFileSync(path.join(labDir, 'secrets', 'tokens.json'), 'utf8'),
  );
  const manifest = path.join(labDir, 'postgresql.json');
  fs.writeFileSync(manifest, JSON.stringify(POSTGRESQL));
  await kubectl('apply', '--server-side', '--validate=strict', '-f', manifest);
}, 1_600_000);

afterAll(async () => {
  await lab('down');
  fs.rmSync(labDir, { recursive: true, force: true });
}, 120_000);

describe('postgres-ha backend against the kube lab (real API server, operator and Patroni)', () => {
  it('reads the cluster as the read-only viewer: Running, one leader, a streaming replica', async () => {
    const backend = await startPluginBackend({
      config: config(tokens.viewer),
      entities: [entity],
    });
    try {
      const s = await until('a healthy cluster', 300_000, async () => {
        const res = await request(backend.server).get(
          `${entityPath(ENTITY)}/status`,
        );
        const body = res.body as ClusterStatus;
        return res.status === 200 && body.health?.state === 'Healthy'
          ? body
          : undefined;
      });
      expect(s.cluster).toMatchObject({ name: NAME, source: 'kubernetes' });
      expect(s.members).toHaveLength(2);
      expect(s.members.filter(m => m.role === 'leader')).toHaveLength(1);
      expect(s.members.find(m => m.role !== 'leader')?.state).toBe('streaming');
    } finally {
      await backend.stop();
    }
  }, 320_000);

  it('switches over through the API server pod proxy (pods/<leader>:8008/proxy), as the admin', async () => {
    const backend = await startPluginBackend({
      config: config(tokens.admin),
      entities: [entity],
    });
    const leaderOf = (s: ClusterStatus) =>
      s.members.find(m => m.role === 'leader')?.name;
    const current = async () =>
      (await request(backend.server).get(`${entityPath(ENTITY)}/status`))
        .body as ClusterStatus;
    try {
      const before = await current();
      const candidate = before.members.find(m => m.role !== 'leader')!.name;
      const res = await request(backend.server)
        .post(`${entityPath(ENTITY)}/switchover`)
        .send({ candidate });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        operation: 'switchover',
        status: 'succeeded',
      });
      await until('the candidate to lead', 120_000, async () => {
        const s = await current();
        return leaderOf(s) === candidate ? s : undefined;
      });
    } finally {
      await backend.stop();
    }
  }, 150_000);

  it('answers 403 when the permission framework denies the read', async () => {
    const backend = await startPluginBackend({
      config: config(tokens.viewer),
      entities: [entity],
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(backend.server).get(
        `${entityPath(ENTITY)}/status`,
      );
      expect(res.status).toBe(403);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  it('names the missing RBAC when the viewer token may not scale (the API server answers 403)', async () => {
    const backend = await startPluginBackend({
      config: {
        ...config(tokens.viewer),
        postgresHa: { scale: { minInstances: 1, maxInstances: 5 } },
      },
      entities: [entity],
    });
    try {
      const res = await request(backend.server)
        .post(`${entityPath(ENTITY)}/scale`)
        .send({ instances: 3 });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body)).toContain('KubernetesForbidden');
      const pg = JSON.parse(
        (await kubectl('get', 'postgresql', NAME, '-o', 'json')).stdout,
      );
      expect(pg.spec.numberOfInstances).toBe(2);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  it('says the token is rejected when it is not one of the API server (a real 401)', async () => {
    const backend = await startPluginBackend({
      config: config('not-a-token-of-this-lab'),
      entities: [entity],
    });
    try {
      const res = await request(backend.server).get(
        `${entityPath(ENTITY)}/status`,
      );
      expect(JSON.stringify(res.body)).toContain('KubernetesUnauthorized');
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
