// Helpers of the kube lab tests: a lab of their own (dir, ports, namespace, addresses), kubectl as
// its admin, bounded waits, psql to a pod IP. Callers run `down` in after() hooks.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../../..');
const KUBE_LAB = path.join(REPO, 'scripts', 'kube-lab');
export const KUBECTL = path.join(REPO, '.tools', 'go', 'bin', 'kubectl');

export const env = {
  ...process.env,
  KUBE_LAB_DIR:
    process.env.KUBE_LAB_TEST_DIR ?? path.join(os.tmpdir(), 'kube-lab-test'),
  KUBE_LAB_PORT_BASE: process.env.KUBE_LAB_TEST_PORT_BASE ?? '28430',
  KUBE_LAB_NETNS: 'kubelabtest',
  KUBE_LAB_VETH_NET: '10.245.0',
  KUBE_LAB_POD_NET: '10.246',
  // longer than Patroni's ttl (30 s): a killed leader restarted sooner keeps its lock, as in a pod
  KUBE_LAB_RESTART_DELAY: '45',
};
const ADMIN = path.join(env.KUBE_LAB_DIR, 'admin.kubeconfig');

export function run(cmd, args, { timeout = 60_000, input, extraEnv } = {}) {
  return new Promise(resolve => {
    const child = execFile(
      cmd,
      args,
      {
        env: { ...env, ...extraEnv },
        timeout,
        killSignal: 'SIGKILL',
        maxBuffer: 64 << 20,
        cwd: REPO,
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? err.code ?? 1 : 0,
          killed: !!err?.killed,
          stdout,
          stderr,
        }),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

async function ok(what, promise) {
  const r = await promise;
  if (r.code !== 0)
    throw new Error(
      `${what} exited ${r.code}${r.killed ? ' (timed out)' : ''}\n${
        r.stdout
      }\n${r.stderr}`,
    );
  return r.stdout;
}

export const kubeLab = (args, timeout = 120_000) =>
  ok(`scripts/kube-lab ${args.join(' ')}`, run(KUBE_LAB, args, { timeout }));
export const kubeLabRaw = (args, timeout = 120_000) =>
  run(KUBE_LAB, args, { timeout });
export const kubectl = (args, input) =>
  ok(
    `kubectl ${args.slice(0, 3).join(' ')}`,
    run(KUBECTL, [`--kubeconfig=${ADMIN}`, ...args], { input }),
  );
export const kubectlRaw = (args, input) =>
  run(KUBECTL, [`--kubeconfig=${ADMIN}`, ...args], { input });
export const getJson = async (...args) =>
  JSON.parse(await kubectl(['get', '-o', 'json', ...args]));

export async function labStatus() {
  return JSON.parse((await kubeLabRaw(['status'])).stdout);
}

/** Polls fn until it returns a truthy value; throws with the last value after timeoutMs. */
export async function waitFor(what, fn, timeoutMs, intervalMs = 1000) {
  const t0 = Date.now();
  let last;
  for (let i = 0; Date.now() - t0 < timeoutMs && i < 10_000; i++) {
    try {
      last = await fn();
      if (last) return { value: last, seconds: (Date.now() - t0) / 1000 };
    } catch (e) {
      last = e.message;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `${what}: not within ${timeoutMs / 1000} s; last: ${JSON.stringify(
      last,
    )?.slice(0, 1500)}`,
  );
}

/** Renders a settings file with the repo's render CLI for the kubernetes target; returns the manifests dir. */
export async function render(valuesFile) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'kube-lab-render-'));
  await ok(
    'yarn render',
    run(
      'yarn',
      [
        'render',
        '--values',
        valuesFile,
        '--target',
        'kubernetes',
        '--out',
        out,
      ],
      { timeout: 120_000 },
    ),
  );
  return path.join(out, 'manifests');
}

// kubectl's --validate=strict is server-side apply with fieldValidation=Strict
export const applyStrict = (file, input) =>
  kubectl(
    [
      'apply',
      '--server-side',
      '--validate=strict',
      '--field-manager=kube-lab-test',
      '-f',
      file,
    ],
    input,
  );

/** The postgresql object's status and its Spilo pods. */
export async function cluster(ns, name) {
  const pg = await getJson('-n', ns, 'postgresql', name);
  const pods = (
    await getJson(
      '-n',
      ns,
      'pods',
      '-l',
      `application=spilo,cluster-name=${name}`,
    )
  ).items;
  return {
    status: pg.status?.PostgresClusterStatus,
    pods: pods.map(p => ({
      name: p.metadata.name,
      ip: p.status?.podIP,
      role: p.metadata.labels?.['spilo-role'],
      ready: (p.status?.conditions ?? []).some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
      patroni: p.metadata.annotations?.status
        ? JSON.parse(p.metadata.annotations.status)
        : undefined,
    })),
  };
}

/** Running, n ready pods, one master and every replica streaming (per Patroni's own /cluster). */
export async function healthy(ns, name, n) {
  const c = await cluster(ns, name);
  if (
    c.status !== 'Running' ||
    c.pods.length !== n ||
    !c.pods.every(p => p.ready)
  )
    return false;
  const master = c.pods.filter(p => p.role === 'master');
  if (master.length !== 1) return false;
  const members = (await patroniCluster(master[0].ip)).members ?? [];
  const streaming = members.filter(
    m =>
      m.role !== 'leader' &&
      ['streaming', 'running'].includes(m.state) &&
      m.lag !== 'unknown',
  );
  return streaming.length === n - 1
    ? { ...c, master: master[0], members }
    : false;
}

export async function patroniCluster(ip) {
  const res = await fetch(`http://${ip}:8008/cluster`, {
    signal: AbortSignal.timeout(3000),
  });
  return res.json();
}

export async function superuserPassword(ns, name) {
  const s = await getJson(
    '-n',
    ns,
    'secret',
    `postgres.${name}.credentials.postgresql.acid.zalan.do`,
  );
  return Buffer.from(s.data.password, 'base64').toString();
}

export async function psql(ip, password, sql) {
  return ok(
    `psql ${ip}`,
    run(
      '/usr/bin/psql',
      ['-h', ip, '-U', 'postgres', '-d', 'postgres', '-XAtqc', sql],
      {
        extraEnv: { PGPASSWORD: password, PGCONNECT_TIMEOUT: '3' },
        timeout: 20_000,
      },
    ),
  );
}

export const podPids = key =>
  JSON.parse(
    readFileSync(path.join(env.KUBE_LAB_DIR, 'run', 'pods.json'), 'utf8'),
  )[key] ?? [];
