// Shared helpers for the lab tests: run scripts/lab, poll Patroni, drive the Python writer.
// Every wait is bounded; callers tear the lab down in after() hooks.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
const LAB = path.join(REPO, 'scripts', 'lab');

// A lab of its own (dir and ports), so a developer's running lab (used by the app) is not disturbed.
export function labEnv(name) {
  return {
    ...process.env,
    LAB_DIR: path.join(process.env.LAB_TEST_DIR ?? path.join(os.tmpdir(), 'pg-lab-test'), name),
    LAB_PORT_BASE: process.env.LAB_TEST_PORT_BASE ?? '24430',
    LAB_RESTART_DELAY: '0', // tests restart killed members explicitly with `scripts/lab heal`
  };
}

export function run(cmd, args, { env = process.env, timeout = 60_000, input } = {}) {
  return new Promise(resolve => {
    const child = execFile(cmd, args, { env, timeout, killSignal: 'SIGKILL', maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, killed: !!err?.killed, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

export async function lab(env, args, timeout = 60_000) {
  const r = await run(LAB, args, { env, timeout });
  if (r.killed) throw new Error(`scripts/lab ${args.join(' ')} timed out after ${timeout} ms\n${r.stderr}`);
  return r;
}

export async function labOk(env, args, timeout) {
  const r = await lab(env, args, timeout);
  if (r.code !== 0) throw new Error(`scripts/lab ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Brings a test lab up (after clearing leftovers of an interrupted run); returns its status. */
export async function labUp(env, args, label) {
  await lab(env, ['down'], 60_000);
  const t0 = Date.now();
  const r = await lab(env, ['up', ...args], 240_000);
  if (r.code !== 0) throw new Error(`scripts/lab up ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  console.log(`[lab] up (${label}) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${r.stdout.trim()}`);
  return status(env);
}

/** Tears a test lab down, reporting how long it took; never throws (runs in after hooks). */
export async function labDown(env) {
  const t0 = Date.now();
  const r = await lab(env, ['down'], 60_000).catch(e => ({ code: -1, stderr: e.message }));
  console.log(`[lab] down in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${r.code})`);
}

export async function status(env) {
  const r = await lab(env, ['status'], 20_000);
  return JSON.parse(r.stdout);
}

export const sleep = ms => new Promise(res => setTimeout(res, ms));

export async function waitFor(what, fn, timeoutMs, intervalMs = 200) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

async function getJson(url, timeoutMs = 1000) {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.json() };
}

/** Patroni's /cluster from the first member that answers. */
export async function patroniCluster(urls) {
  for (const u of urls) {
    try {
      const { status, body } = await getJson(`${u}/cluster`);
      if (status === 200) return body;
    } catch {
      /* next member */
    }
  }
  return null;
}

/** Streaming replicas as seen by the leader (Patroni 3.0.2's /cluster has no "streaming" state yet). */
export async function leaderReplication(leaderApiUrl) {
  const base = leaderApiUrl.replace(/\/patroni$/, '');
  const { body } = await getJson(`${base}/`);
  return body.replication ?? [];
}

export function password(st) {
  return readFileSync(st.superuser.passwordFile, 'utf8').trim();
}

export async function sql(st, port, query, timeout = 15_000) {
  const r = await run('psql', ['-X', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', st.superuser.user,
    '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', query],
  { env: { ...process.env, PGPASSWORD: password(st), PGCONNECT_TIMEOUT: '3' }, timeout });
  if (r.code !== 0) throw new Error(`psql on ${port} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** pgBackRest JSON has 64-bit integers (system-id) that JSON.parse would round: keep them as BigInt. */
export function parseJsonBig(text) {
  return JSON.parse(text, (_k, v, ctx) =>
    (typeof v === 'number' && !Number.isSafeInteger(v) && ctx?.source && /^-?\d+$/.test(ctx.source)) ? BigInt(ctx.source) : v);
}

/**
 * Long-lived writer (lab/test/writer.py, Debian's /usr/bin/python3 + psycopg2) committing one row per
 * transaction through the given port and recording every acknowledged commit.
 */
export function startWriter(st, port, table, dir) {
  mkdirSync(dir, { recursive: true });
  const ackFile = path.join(dir, `${table}.acks`);
  rmSync(ackFile, { force: true });
  const dsn = `host=127.0.0.1 port=${port} user=${st.superuser.user} password=${password(st)} dbname=postgres`;
  const proc = spawn('/usr/bin/python3', [path.join(here, 'writer.py'), dsn, ackFile, table], { stdio: 'ignore' });
  const exited = new Promise(res => proc.on('exit', res));
  return {
    ackFile,
    table,
    read() {
      const acks = [];
      const errors = [];
      if (!existsSync(ackFile)) return { acks, errors };
      for (const line of readFileSync(ackFile, 'utf8').split('\n')) {
        if (!line) continue;
        const [a, b, ...rest] = line.split(' ');
        if (a === 'E') errors.push({ t: Number(b), msg: rest.join(' ') });
        else if (a !== 'R') acks.push({ id: Number(a), t: Number(b) });
      }
      return { acks, errors };
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/**
 * The first commit acknowledged after the outage a kill at `killedAt` caused: after the writer's
 * first error, or, when PgBouncer (transaction pooling) held the statement until the new leader
 * answered and the writer saw no error, after the first pause of over a second.
 */
export function writesResumed(acks, errors, killedAt) {
  const err = errors.find(e => e.t >= killedAt - 0.05);
  if (err) return acks.find(a => a.t > err.t) ?? null;
  for (let i = 1; i < acks.length; i++) {
    if (acks[i].t > killedAt && acks[i].t - acks[i - 1].t > 1) return acks[i];
  }
  return null;
}

/** Largest pause between consecutive acknowledged commits in [from, to]. */
export function maxGap(acks, from = -Infinity, to = Infinity) {
  let gap = 0;
  let at = null;
  for (let i = 1; i < acks.length; i++) {
    if (acks[i].t < from || acks[i - 1].t > to) continue;
    const g = acks[i].t - acks[i - 1].t;
    if (g > gap) {
      gap = g;
      at = acks[i - 1].t;
    }
  }
  return { gap, at };
}

export function report(t, line) {
  t.diagnostic(line);
  console.log(`[lab] ${line}`);
}

/**
 * Forced failover under write load: writer through PgBouncer, the leader's walsenders stopped for
 * `lagSeconds`, then kill -9 of the leader's Patroni and PostgreSQL. Returns the measurements.
 */
export async function forcedFailover(env, st, table, dir, lagSeconds = 1.5) {
  const before = await status(env);
  const oldLeader = before.leader;
  const writer = startWriter(st, st.ports.pgbouncer, table, dir);
  try {
    await waitFor('writer to commit 300 rows', () => writer.read().acks.length >= 300, 20_000, 100);
    const kill = JSON.parse((await labOk(env, ['kill-leader', '--force-lag', String(lagSeconds)], 30_000)).stdout);
    const killedAt = kill.killedAt;
    // Patroni elects a new leader once the dead leader's lease (ttl) has expired
    const newLeader = await waitFor('a new Patroni leader', async () => {
      const c = await patroniCluster(st.patroniUrls);
      const l = c?.members?.find(m => (m.role === 'leader' || m.role === 'master') && m.state === 'running');
      return l && l.name !== oldLeader ? { name: l.name, port: l.port, at: Date.now() / 1000 } : null;
    }, 60_000, 100);
    const firstAck = await waitFor('a write acknowledged by the new leader (through PgBouncer)', () => {
      const { acks, errors } = writer.read();
      return writesResumed(acks, errors, killedAt);
    }, 60_000, 100);
    await sleep(1000);
    await writer.stop();
    const { acks, errors } = writer.read();
    const present = new Set((await sql(st, newLeader.port, `SELECT id FROM ${table}`, 30_000)).split('\n').filter(Boolean).map(Number));
    const lost = acks.filter(a => !present.has(a.id));
    const duringLag = acks.filter(a => kill.walsendersStoppedAt && a.t >= kill.walsendersStoppedAt && a.t < killedAt).length;
    // rows acknowledged before the walsenders were stopped had reached the replicas: never lost
    const lostBeforeLag = lost.filter(a => a.t < (kill.walsendersStoppedAt ?? killedAt)).length;
    return {
      oldLeader,
      newLeader: newLeader.name,
      killed: kill.killed,
      leaderElectedSeconds: +(newLeader.at - killedAt).toFixed(2),
      writesResumedSeconds: +(firstAck.t - killedAt).toFixed(2),
      acked: acks.length,
      ackedDuringLag: duringLag,
      lost: lost.length,
      lostBeforeLag,
      errors: errors.length,
    };
  } finally {
    await writer.stop();
  }
}
