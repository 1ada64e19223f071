// Lab, asynchronous replication: cluster comes up, pgBackRest has a backup with its WAL range,
// forced failover under write load (loss expected and reported), the killed leader rejoins.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {
  labEnv, labUp, labDown, labOk, status, waitFor, patroniCluster, leaderReplication, run, parseJsonBig,
  forcedFailover, report, sql,
} from './helpers.mjs';

describe('lab (asynchronous replication)', { timeout: 600_000 }, () => {
  const env = labEnv('async');
  const work = path.join(os.tmpdir(), 'pg-lab-test-work');
  let st;

  before(async () => {
    st = await labUp(env, [], 'async, with first full backup');
  }, { timeout: 300_000 });

  after(() => labDown(env), { timeout: 90_000 });

  test('status JSON describes the lab', { timeout: 20_000 }, () => {
    assert.equal(st.cluster, 'lab');
    assert.equal(st.up, true);
    assert.equal(st.patroniUrls.length, 3);
    assert.equal(st.ports.postgres.length, 3);
    for (const k of ['pgbouncer', 'exporter', 'etcd']) assert.equal(typeof st.ports[k], 'number');
    assert.ok(st.pgbackrest.configPath && st.pgbackrest.stanza && st.pgbackrest.repo);
    for (const m of st.members) {
      for (const k of ['name', 'role', 'state', 'timeline', 'lag', 'host', 'port', 'api_url']) assert.ok(k in m, k);
    }
  });

  test('Patroni /cluster lists one leader and two streaming replicas', { timeout: 60_000 }, async () => {
    const c = await waitFor('cluster view', () => patroniCluster(st.patroniUrls), 20_000);
    const leaders = c.members.filter(m => m.role === 'leader' || m.role === 'master');
    assert.equal(leaders.length, 1, JSON.stringify(c));
    assert.equal(leaders[0].state, 'running');
    const replicas = c.members.filter(m => m.role === 'replica' || m.role === 'sync_standby');
    assert.equal(replicas.length, 2);
    for (const r of replicas) assert.equal(r.state, 'running');
    const repl = await waitFor('2 streaming walsenders on the leader', async () => {
      const r = await leaderReplication(leaders[0].api_url);
      return r.filter(x => x.state === 'streaming').length === 2 ? r : null;
    }, 30_000);
    assert.deepEqual(repl.map(r => r.application_name).sort(), replicas.map(r => r.name).sort());
  });

  test('PgBouncer and the exporter answer', { timeout: 30_000 }, async () => {
    const leaderPort = st.members.find(m => m.role === 'leader').port;
    assert.equal(await sql(st, st.ports.pgbouncer, 'SELECT inet_server_port()'), String(leaderPort));
    const res = await fetch(`http://127.0.0.1:${st.ports.exporter}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    assert.match(text, /^pg_up 1/m);
    assert.match(text, /pg_stat_replication_pg_wal_lsn_diff/);
  });

  test('pgBackRest has a full backup with its WAL range', { timeout: 60_000 }, async t => {
    const r = await run(st.pgbackrest.bin, ['--config', st.pgbackrest.configPath, '--stanza', st.pgbackrest.stanza,
      'info', '--output=json'], { timeout: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    const [info] = parseJsonBig(r.stdout);
    assert.equal(info.name, st.pgbackrest.stanza);
    assert.equal(info.status.code, 0, JSON.stringify(info.status));
    assert.equal(typeof info.db[0]['system-id'], 'bigint', 'system-id must not be rounded');
    const full = info.backup.find(b => b.type === 'full');
    assert.ok(full, 'a full backup');
    assert.match(full.archive.start, /^[0-9A-F]{24}$/);
    assert.match(full.archive.stop, /^[0-9A-F]{24}$/);
    const arch = info.archive[0];
    assert.ok(arch.min <= full.archive.start && arch.max >= full.archive.stop, JSON.stringify(arch));
    report(t, `pgBackRest: backup ${full.label}, WAL ${full.archive.start}..${full.archive.stop}, archive ${arch.min}..${arch.max}, ` +
      `PITR window ${new Date(full.timestamp.stop * 1000).toISOString()} .. now`);
  });

  test('forced failover under write load, asynchronous mode (loss expected)', { timeout: 150_000 }, async t => {
    const m = await forcedFailover(env, st, 'writes_async', work, 1.5);
    report(t, `ASYNC failover: killed ${m.killed}, new leader ${m.newLeader} elected after ${m.leaderElectedSeconds} s, ` +
      `writes through PgBouncer resumed after ${m.writesResumedSeconds} s; acked ${m.acked} rows ` +
      `(${m.ackedDuringLag} during the 1.5 s forced lag), LOST ${m.lost} acknowledged rows`);
    assert.notEqual(m.newLeader, m.oldLeader);
    assert.ok(m.writesResumedSeconds < 40, 'writes resumed in time');
    assert.equal(m.lostBeforeLag, 0, 'only rows acknowledged after the walsenders stopped can be lost');
  });

  test('the killed leader rejoins as a replica (pg_rewind)', { timeout: 120_000 }, async t => {
    const t0 = Date.now();
    await labOk(env, ['heal'], 20_000);
    const s = await waitFor('3 members, 2 streaming replicas', async () => {
      const s = await status(env);
      const tl = s.members.find(m => m.role === 'leader')?.timeline;
      return s.members.filter(m => m.role !== 'leader' && m.state === 'streaming' && m.timeline === tl).length === 2 ? s : null;
    }, 90_000, 500);
    report(t, `killed leader rejoined as streaming replica ${((Date.now() - t0) / 1000).toFixed(1)} s after restart; timelines ${s.members.map(m => `${m.name}:${m.timeline}`).join(' ')}`);
  });
});
