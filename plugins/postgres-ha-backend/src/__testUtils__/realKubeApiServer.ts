import * as k8s from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { freePort } from './closedPort';
import { ServerProcess, startServerProcess } from './serverProcess';

const repoRoot = path.resolve(__dirname, '../../../..');
const TOKEN = 'informers-test-admin';

/** The binaries and manifests a real API server needs, or why they are missing. */
export function kubeApiServerTools():
  | { apiserver: string; etcd: string; crd: string }
  | { missing: string } {
  const apiserver =
    process.env.KUBE_APISERVER_BIN ??
    path.join(repoRoot, '.tools/go/bin/kube-apiserver');
  const etcd = process.env.ETCD_BIN ?? '/usr/bin/etcd';
  const crd = path.join(
    process.env.PGHA_UPSTREAM_DIR ?? path.join(repoRoot, '.cache/upstream'),
    'postgresql.crd.yaml',
  );
  const absent = [
    [
      apiserver,
      'kube-apiserver (KUBE_APISERVER_BIN; built by the kubelab script)',
    ],
    [etcd, 'etcd (ETCD_BIN; Debian package etcd-server)'],
    [crd, 'the postgresql CRD (PGHA_UPSTREAM_DIR; scripts/lib/consumers.sh)'],
  ].find(([file]) => !fs.existsSync(file));
  return absent
    ? { missing: `${absent[1]} is missing at ${absent[0]}` }
    : { apiserver, etcd, crd };
}

/** A throwaway etcd + kube-apiserver on 127.0.0.1, with the postgresql CRD applied. */
export interface RealKubeApiServer {
  kc: k8s.KubeConfig;
  url: string;
  /** Kills the API server and starts it again on the same port and etcd. */
  restart(before?: () => Promise<void>): Promise<void>;
  /** Deletes an etcd key behind the API server's back and compacts (410 for older watches). */
  deleteInEtcdAndCompact(key: string): Promise<void>;
  /** `apiserver_request_total`, summed over the lines `match` accepts. */
  requests(match: (labels: string) => boolean): Promise<number>;
  /** Any metric of the API server, summed over the lines `match` accepts. */
  metric(name: string, match: (labels: string) => boolean): Promise<number>;
  stop(): Promise<void>;
}

export async function startRealKubeApiServer(tools: {
  apiserver: string;
  etcd: string;
  crd: string;
}): Promise<RealKubeApiServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-kube-'));
  const [etcdPort, peerPort, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const etcd = await startServerProcess({
    command: tools.etcd,
    args: [
      `--data-dir=${dir}/etcd`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
    ],
    ready: /ready to serve client requests/,
  });
  execFileSync('openssl', ['genrsa', '-out', `${dir}/sa.key`, '2048'], {
    stdio: 'ignore',
  });
  fs.writeFileSync(
    `${dir}/tokens.csv`,
    `${TOKEN},admin,admin,system:masters\n`,
  );
  const url = `https://127.0.0.1:${apiPort}`;
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'lab', server: url, skipTLSVerify: true }],
    users: [{ name: 'admin', token: TOKEN }],
    contexts: [{ name: 'lab', cluster: 'lab', user: 'admin' }],
    currentContext: 'lab',
  });
  // The API server's certificate is self-signed.
  const get = (p: string) =>
    new Promise<{ ok: boolean; text: string }>((resolve, reject) => {
      https
        .get(
          `${url}${p}`,
          {
            rejectUnauthorized: false,
            headers: { authorization: `Bearer ${TOKEN}` },
          },
          res => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', c => {
              text += c;
            });
            res.on('end', () => resolve({ ok: res.statusCode === 200, text }));
          },
        )
        .on('error', reject);
    });
  const startApi = async () => {
    const api = await startServerProcess({
      command: tools.apiserver,
      args: [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${dir}/certs`,
        `--token-auth-file=${dir}/tokens.csv`,
        '--authorization-mode=RBAC',
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${dir}/sa.key`,
        `--service-account-signing-key-file=${dir}/sa.key`,
        '--service-cluster-ip-range=10.0.0.0/24',
      ],
      ready: /Serving securely on/,
      timeoutMs: 60_000,
    });
    for (let i = 0; i < 120; i += 1) {
      const ready = await get('/readyz').catch(() => undefined);
      if (ready?.ok) return api;
      await new Promise(r => setTimeout(r, 250));
    }
    await api.stop();
    throw new Error('kube-apiserver did not become ready within 30 s');
  };
  let api: ServerProcess = await startApi();

  const crd = parse(fs.readFileSync(tools.crd, 'utf8'));
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  await ext.createCustomResourceDefinition({ body: crd });
  for (let i = 0; i < 120; i += 1) {
    const read = await ext.readCustomResourceDefinition({
      name: crd.metadata.name,
    });
    if (
      read.status?.conditions?.some(
        c => c.type === 'Established' && c.status === 'True',
      )
    )
      break;
    await new Promise(r => setTimeout(r, 250));
  }

  const etcdPost = async (p: string, body: unknown) => {
    const answer = await fetch(`${etcdUrl}${p}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`etcd ${p}: HTTP ${answer.status}`);
    return answer.json() as Promise<{ header: { revision: string } }>;
  };
  const metric = async (name: string, match: (labels: string) => boolean) => {
    const { text } = await get('/metrics');
    return text
      .split('\n')
      .filter(l => l.startsWith(`${name}{`) && match(l))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };
  return {
    kc,
    url,
    async restart(before) {
      await api.stop();
      await before?.();
      api = await startApi();
    },
    async deleteInEtcdAndCompact(key) {
      const { header } = await etcdPost('/v3/kv/deleterange', {
        key: Buffer.from(key).toString('base64'),
      });
      await etcdPost('/v3/kv/compaction', {
        revision: header.revision,
        physical: true,
      });
    },
    requests: match => metric('apiserver_request_total', match),
    metric,
    async stop() {
      await api.stop();
      await etcd.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
