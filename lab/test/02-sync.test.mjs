// Lab, synchronous mode: forced failover under write load loses no acknowledged row, the killed
// leader rejoins, a planned switchover through the Patroni API (write gap measured through PgBouncer),
// and a backup taken on the new timeline.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {
  labEnv, labUp, labDown, labOk, status, waitFor, patroniCluster, run, parseJsonBig, forcedFailover, report,
  startWriter, maxGap, sleep, sql,
} from './helpers.mjs';

describe('lab (synchronous mode)', { timeout: 600_000 }, () => {
  const env = labEnv('sync');
  const work = path.join(os.tmpdir(), 'pg-lab-test-work');
  let st;

  before(async () => {
    st = await labUp(env, ['--sync', '--no-backup'], 'sync');
  }, { timeout: 300_000 });

  after(() => labDown(env), { timeout: 90_000 });

  test('one leader, one sync standby, one replica, all streaming', { timeout: 30_000 }, async () => {
    assert.equal(st.synchronousMode, true);
    const s = await waitFor('sync standby', async () => {
      const s = await status(env);
      return s.members.some(m => m.role === 'sync_standby' && m.state === 'streaming') ? s : null;
    }, 20_000, 300);
    assert.equal(s.members.filter(m => m.role === 'leader').length, 1);
    assert.equal(s.members.filter(m => m.role !== 'leader' && m.state === 'streaming').length, 2);
  });

  test('forced failover under write load, synchronous mode: 0 acknowledged rows lost', { timeout: 150_000 }, async t => {
    const m = await forcedFailover(env, st, 'writes_sync', work, 1.5);
    report(t, `SYNC failover: killed ${m.killed}, new leader ${m.newLeader} elected after ${m.leaderElectedSeconds} s, ` +
      `writes through PgBouncer resumed after ${m.writesResumedSeconds} s; acked ${m.acked} rows ` +
      `(${m.ackedDuringLag} during the 1.5 s forced lag: writers blocked), LOST ${m.lost} acknowledged rows`);
    assert.notEqual(m.newLeader, m.oldLeader);
    assert.equal(m.lost, 0, 'synchronous mode must not lose acknowledged commits');
  });

  test('the killed leader rejoins', { timeout: 120_000 }, async t => {
    const t0 = Date.now();
    await labOk(env, ['heal'], 20_000);
    await waitFor('3 members with 2 streaming replicas', async () => {
      const s = await status(env);
      return s.members.length === 3 && s.members.filter(m => m.role !== 'leader' && m.state === 'streaming').length === 2;
    }, 90_000, 500);
    report(t, `killed leader rejoined ${((Date.now() - t0) / 1000).toFixed(1)} s after restart`);
  });

  test('planned switchover through the Patroni API to a chosen candidate; old leader rejoins', { timeout: 120_000 }, async t => {
    const s = await waitFor('a sync standby', async () => {
      const s = await status(env);
      return s.members.find(m => m.role === 'sync_standby' && m.state === 'streaming') ? s : null;
    }, 30_000, 300);
    const oldLeader = s.leader;
    // in synchronous mode Patroni only switches over to the sync standby
    const candidate = s.members.find(m => m.role === 'sync_standby').name;
    const writer = startWriter(st, st.ports.pgbouncer, 'writes_switchover', work);
    try {
      await waitFor('writer to commit 200 rows', () => writer.read().acks.length >= 200, 20_000, 100);
      const r = await labOk(env, ['switchover', '--candidate', candidate], 90_000);
      const sw = JSON.parse(r.stdout);
      assert.equal(sw.httpStatus, 200);
      assert.equal(sw.to, candidate);
      assert.equal(sw.oldLeaderRejoined, true);
      await sleep(1500);
      await writer.stop();
      const { acks, errors } = writer.read();
      const { gap } = maxGap(acks, sw.startedAt - 0.5);
      const c = await patroniCluster(st.patroniUrls);
      const leader = c.members.find(m => m.role === 'leader' || m.role === 'master');
      assert.equal(leader.name, candidate);
      const old = c.members.find(m => m.name === oldLeader);
      assert.ok(['replica', 'sync_standby'].includes(old.role), JSON.stringify(old));
      // every acknowledged row is on the new leader
      const present = new Set((await sql(st, leader.port, 'SELECT id FROM writes_switchover')).split('\n').filter(Boolean).map(Number));
      const lost = acks.filter(a => !present.has(a.id)).length;
      assert.equal(lost, 0);
      report(t, `SWITCHOVER ${oldLeader} -> ${candidate}: HTTP 200 after ${sw.httpSeconds} s, old leader streaming again after ` +
        `${sw.totalSeconds} s; write gap through PgBouncer ${gap.toFixed(2)} s (${errors.length} failed attempts), lost ${lost}`);
    } finally {
      await writer.stop();
    }
  });

  test('pgBackRest backs up the new leader and info shows it with its WAL range', { timeout: 120_000 }, async t => {
    const base = ['--config', st.pgbackrest.configPath, '--stanza', st.pgbackrest.stanza];
    const t0 = Date.now();
    const b = await run(st.pgbackrest.bin, [...base, '--type=full', 'backup'], { timeout: 100_000 });
    assert.equal(b.code, 0, b.stderr + b.stdout);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const r = await run(st.pgbackrest.bin, [...base, 'info', '--output=json'], { timeout: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    const [info] = parseJsonBig(r.stdout);
    const last = info.backup.at(-1);
    assert.equal(last.type, 'full');
    assert.ok(last.archive.start && last.archive.stop);
    // the backup was taken after failover and switchover: timeline 3 or later
    assert.ok(parseInt(last.archive.start.slice(0, 8), 16) >= 3, last.archive.start);
    report(t, `pgBackRest full backup after failover+switchover in ${secs} s: ${last.label}, WAL ${last.archive.start}..${last.archive.stop}`);
  });
});
