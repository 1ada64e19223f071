import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type {
  ClusterStatus,
  OperationRecord,
} from '@pgha/plugin-postgres-ha-common';
import {
  clusterEntity,
  entityPath,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';
import { readEvents } from './__testUtils__/readEvents';
import { watchFailover } from './__testUtils__/watchFailover';
import { until } from './__testUtils__/until';

/*
 * The direct (Patroni) path against the real lab: etcd, three Patroni/PostgreSQL
 * members, PgBouncer and pgBackRest on 127.0.0.1. This is the only test file
 * that starts a lab; it uses its own LAB_DIR and port range.
 */
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const labScript = path.join(repoRoot, 'scripts', 'lab');
const labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgha-backend-lab-'));
// The lab runs PostgreSQL as the postgres user, which must be able to enter it.
fs.chmodSync(labDir, 0o755);
const labEnv = {
  ...process.env,
  LAB_DIR: labDir,
  LAB_PORT_BASE: '17430',
  LAB_RESTART_DELAY: '20',
};
const lab = (...args: string[]) =>
  run(labScript, args, { env: labEnv, timeout: 170_000 });

let backend: Awaited<ReturnType<typeof startPluginBackend>>;
let patroniUrls: string[];
const status = async (): Promise<ClusterStatus> =>
  (
    await request(backend.server)
      .get(`${entityPath('lab-postgres')}/status`)
      .expect(200)
  ).body;
const leaderOf = (s: ClusterStatus) => s.members.find(m => m.role === 'leader');

beforeAll(async () => {
  await lab('up');
  const labStatus = JSON.parse((await lab('status')).stdout);
  patroniUrls = labStatus.patroniUrls;
  backend = await startPluginBackend({
    config: {
      postgresHa: {
        refreshIntervalSeconds: 1,
        backupRefreshIntervalSeconds: 1,
        patroni: {
          clusters: [
            {
              name: 'lab',
              urls: labStatus.patroniUrls,
              pgbackrest: {
                configPath: labStatus.pgbackrest.configPath,
                stanza: labStatus.pgbackrest.stanza,
                command: labStatus.pgbackrest.bin,
                backupType: 'full',
              },
              pooler: { host: '127.0.0.1', port: labStatus.ports.pgbouncer },
              sql: {
                user: labStatus.superuser.user,
                passwordFile: labStatus.superuser.passwordFile,
              },
            },
          ],
        },
      },
    },
    entities: [
      clusterEntity('lab-postgres', {
        'postgres-ha/cluster-name': 'lab',
        'postgres-ha/source': 'patroni',
      }),
    ],
  });
}, 180_000);

afterAll(async () => {
  try {
    await lab('down');
  } finally {
    fs.rmSync(labDir, { recursive: true, force: true });
    await backend?.stop();
  }
}, 60_000);

describe('postgres-ha backend against the real lab (Patroni direct path)', () => {
  it('reports 3 members with one leader, byte lag, timeline, pooler and the pgBackRest recoverable window', async () => {
    const s = await until('a healthy cluster', 30_000, async () => {
      const current = await status();
      return current.health.state === 'Healthy' ? current : undefined;
    });
    expect(s.members).toHaveLength(3);
    expect(s.members.filter(m => m.role === 'leader')).toHaveLength(1);
    for (const replica of s.members.filter(m => m.role !== 'leader')) {
      expect(replica.state).toBe('streaming');
      expect(typeof replica.lagBytes).toBe('number');
    }
    expect(s.members.every(m => (m.timeline ?? 0) >= 1)).toBe(true);
    expect(s.cluster).toMatchObject({
      name: 'lab',
      source: 'patroni',
      replicationMode: 'async',
      readyInstances: 3,
    });
    expect(s.cluster.postgresVersion).toMatch(/^15\./);
    expect(s.cluster.primary).toMatchObject({
      systemIdentifier: expect.stringMatching(/^\d{19}$/),
      timeline: leaderOf(s)!.timeline,
      walPosition: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/),
      walFile: expect.stringMatching(/^[0-9A-F]{24}$/),
      patroniVersion: expect.stringMatching(/^3\./),
    });
    expect(Date.parse(s.cluster.primary!.startedAt!)).toBeLessThan(Date.now());
    for (const replica of s.members.filter(m => m.role !== 'leader')) {
      expect(replica).toMatchObject({ syncState: 'async', syncPriority: 0 });
    }
    // WAL archiving and the replicas' slots, read with psql from the leader.
    expect(s.wal?.error).toBeUndefined();
    expect(s.wal!.archiving).toMatchObject({ failing: false });
    expect(s.wal!.archiving!.archivedCount).toBeGreaterThan(0);
    expect(s.wal!.slots.map(slot => slot.name).sort()).toEqual(
      s.members
        .filter(m => m.role !== 'leader')
        .map(m => m.name)
        .sort(),
    );
    expect(s.wal!.slots.every(slot => slot.active)).toBe(true);
    expect(s.wal!.databaseSizeBytes).toBeGreaterThan(1024 * 1024);
    expect(s.pooler).toEqual({ ready: true });
    expect(s.backups.base.length).toBeGreaterThanOrEqual(1);
    expect(s.backups.base[0]).toMatchObject({ type: 'full' });
    const window = s.backups.recoveryWindow!;
    expect(Date.parse(window.earliest)).toBeLessThanOrEqual(
      Date.parse(window.latest),
    );
    expect(window.latestWal).toMatch(/^[0-9A-F]{24}$/);
  }, 60_000);

  it('switches over to the chosen candidate through the API and records it in history and the audit log', async () => {
    const before = await status();
    const oldLeader = leaderOf(before)!.name;
    const candidate = before.members.find(m => m.role !== 'leader')!.name;
    const response = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/switchover`)
      .send({ candidate })
      .expect(200);
    expect(response.body).toMatchObject({
      operation: 'switchover',
      status: 'succeeded',
    });
    const after = await until('the candidate to lead', 60_000, async () => {
      const s = await status();
      // Patroni records the new timeline in its history a moment after the promotion.
      return leaderOf(s)?.name === candidate &&
        leaderOf(s)?.state === 'running' &&
        s.history.length
        ? s
        : undefined;
    });
    expect(after.history[0]).toMatchObject({
      timeline: leaderOf(before)!.timeline! + 1,
      newLeader: candidate,
      oldLeader,
      type: 'switchover',
      initiator: 'user:default/mock',
    });
    expect(after.members.find(m => m.name === oldLeader)?.role).not.toBe(
      'leader',
    );
    expect(backend.audits).toContainEqual(
      expect.objectContaining({
        eventId: 'cluster-switchover',
        result: 'success',
        meta: expect.objectContaining({ candidate }),
      }),
    );
  }, 90_000);

  it('refuses a switchover to a name that is not a member, naming the field', async () => {
    const response = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/switchover`)
      .send({ candidate: 'pg9' })
      .expect(400);
    expect(response.body.error.message).toContain(
      "candidate: 'pg9' is not a member",
    );
  }, 30_000);

  it('takes a pgBackRest backup now and shows it in the backup list', async () => {
    const before = (await status()).backups.base.length;
    const response = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/backup`)
      .send({})
      .expect(202);
    expect(response.body).toMatchObject({
      operation: 'backup',
      status: 'accepted',
    });
    // The running backup holds the cluster's lock: a switchover now is refused.
    const refused = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/switchover`)
      .send({})
      .expect(409);
    expect(refused.body.error.message).toMatch(
      /^Another operation is running on patroni:lab: backup started by user:default\/mock at \S+ on replica /,
    );
    const after = await until('the new backup', 110_000, async () => {
      const s = await status();
      return s.backups.base.length > before ? s : undefined;
    });
    expect(after.backups.base[0].type).toBe('full');
    expect(backend.audits).toContainEqual(
      expect.objectContaining({ eventId: 'cluster-backup', result: 'success' }),
    );
    const operations = await until('the backup recorded', 30_000, async () => {
      const { body } = await request(backend.server)
        .get(`${entityPath('lab-postgres')}/operations`)
        .expect(200);
      const list: OperationRecord[] = body.operations;
      return list[0]?.status === 'succeeded' ? list : undefined;
    });
    expect(operations.map(o => [o.operation, o.status, o.actor])).toEqual([
      ['backup', 'succeeded', 'user:default/mock'],
      ['switchover', 'failed', 'user:default/mock'],
      ['switchover', 'succeeded', 'user:default/mock'],
    ]);
  }, 150_000);

  it('plans a restore inside the recoverable window and refuses one outside it', async () => {
    const window = (await status()).backups.recoveryWindow!;
    const plan = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/restore`)
      .send({ targetTime: window.latest })
      .expect(200);
    expect(plan.body).toEqual({
      templateRef: 'template:default/postgres-cluster-restore',
      values: {
        sourceEntity: 'resource:default/lab-postgres',
        targetTime: window.latest.replace('.000Z', '+00:00'),
        cluster: {
          name: `lab-restore-${window.latest
            .replace(/[-:]/g, '')
            .slice(0, 13)
            .toLowerCase()}`,
          owner: 'group:default/dba',
        },
        // The lab runs Debian's PostgreSQL 15: the clone must start on the same major.
        postgresql: { version: 15 },
      },
    });
    const refused = await request(backend.server)
      .post(`${entityPath('lab-postgres')}/restore`)
      .send({ targetTime: '2000-01-01T00:00:00Z' })
      .expect(400);
    expect(refused.body.error.message).toContain(
      'outside the recoverable window',
    );
  }, 30_000);

  it('pushes a new leader into the event stream when the leader is killed, while 20 viewers poll', async () => {
    const stream = await readEvents(
      backend.server,
      `${entityPath('lab-postgres')}/events`,
    );
    try {
      const first = await stream.waitFor(
        s => leaderOf(s)?.state === 'running',
        10_000,
      );
      const oldLeader = leaderOf(first)!.name;
      const killed = JSON.parse((await lab('kill-leader')).stdout);
      expect(killed.killed).toBe(oldLeader);
      let polling = true;
      const viewers = Array.from({ length: 20 }, async () => {
        while (polling) {
          await request(backend.server).get(
            `${entityPath('lab-postgres')}/status`,
          );
          await new Promise(r => setTimeout(r, 100));
        }
      });
      let promoted: ClusterStatus;
      try {
        promoted = await stream.waitFor(
          s =>
            !!leaderOf(s) &&
            leaderOf(s)!.name !== oldLeader &&
            leaderOf(s)!.state === 'running',
          60_000,
        );
      } finally {
        polling = false;
        await Promise.all(viewers);
      }
      expect(promoted.history[0].timeline).toBe(leaderOf(promoted)!.timeline);
      // In between, the stream showed the cluster without its old leader.
      expect(stream.events.some(s => s.health.state !== 'Healthy')).toBe(true);
      // ... and still knew its PostgreSQL version while the dead leader did not answer.
      expect(
        stream.events.filter(
          s => !s.cluster.postgresVersion?.startsWith('15.'),
        ),
      ).toEqual([]);
    } finally {
      stream.close();
    }
  }, 90_000);

  it('reports a stopped etcd as DcsUnavailable with an actionable message within 30 s, and reads the cluster again once etcd resumes', async () => {
    const { pids } = JSON.parse((await lab('status')).stdout);
    // SIGSTOP keeps etcd's port open but silent: the hardest case (no quick refusal).
    process.kill(pids.etcd, 'SIGSTOP');
    try {
      const down = await until('the DCS failure', 30_000, async () => {
        const s = await status();
        return s.error?.type === 'DcsUnavailable' ? s : undefined;
      });
      expect(down.error!.message).toMatch(
        /^Patroni of cluster 'lab' runs \(http:\/\/127\.0\.0\.1:\d+\/patroni answers\) but cannot read its DCS; it last reached the DCS \d+ s ago: check etcd/,
      );
      expect(down.health.state).toBe('Unknown');
      expect(down.members).toEqual([]);
    } finally {
      process.kill(pids.etcd, 'SIGCONT');
    }
    const back = await until('a readable cluster', 30_000, async () => {
      const s = await status();
      return !s.error && leaderOf(s) ? s : undefined;
    });
    expect(back.members).not.toHaveLength(0);
  }, 75_000);

  it('kills the leader: Down naming the unreachable leader and the ttl within 2 s, never shows it running, and follows Patroni to the new leader', async () => {
    await lab('heal');
    const healthy = await until('a healthy cluster', 60_000, async () => {
      const s = await status();
      return s.health.state === 'Healthy' ? s : undefined;
    });
    const oldLeader = leaderOf(healthy)!.name;
    // The tab holds the event stream open; that is what keeps the backend watching.
    const stream = await readEvents(
      backend.server,
      `${entityPath('lab-postgres')}/events`,
    );
    try {
      await lab('kill-leader');
      const killedAt = Date.now();
      const timings = await watchFailover({
        patroniUrls,
        status,
        oldLeader,
        killedAt,
        timeoutMs: 60_000,
      });
      const delay = timings.backendNewLeaderMs! - timings.patroniNewLeaderMs!;
      // eslint-disable-next-line no-console
      console.log(
        `[lab] leader ${oldLeader} killed: backend Down after ${timings.backendDownMs} ms; new leader ${timings.newLeader} in Patroni after ${timings.patroniNewLeaderMs} ms, in the backend after ${timings.backendNewLeaderMs} ms (delay ${delay} ms)`,
      );
      // The goals are 2 s and 1 s (see yarn bench:status); bounds here are generous.
      expect(timings.backendDownMs).toBeLessThan(5_000);
      expect(timings.backendNewLeaderMs).toBeDefined();
      expect(delay).toBeLessThan(5_000);

      const during = timings.snapshots.filter(
        ({ atMs }) => atMs >= timings.backendDownMs!,
      );
      const down = during[0].status;
      expect(down.health.reasons[0]).toBe(
        `Leader ${oldLeader} unreachable — Patroni fails over within ttl 10 s`,
      );
      expect(down.failover).toMatchObject({
        phase: 'leader-unreachable',
        oldLeader,
        ttlSeconds: 10,
      });
      expect(down.members.find(m => m.name === oldLeader)).toMatchObject({
        state: 'unreachable',
      });
      expect(down.cluster.readyInstances).toBe(2);
      // Once seen dead, it is never shown running or leaving the table until the new leader runs.
      for (const { status: s } of during) {
        expect(s.members.map(m => m.name)).toContain(oldLeader);
        expect(s.members.find(m => m.name === oldLeader)!.state).not.toBe(
          'running',
        );
      }
      const recovered = await until(
        'the failover in the history',
        30_000,
        async () => {
          const s = await status();
          return s.history[0]?.type === 'failover' ? s : undefined;
        },
      );
      expect(recovered.history[0]).toMatchObject({
        type: 'failover',
        oldLeader,
        newLeader: timings.newLeader,
      });
      expect(recovered.history[0].recoverySeconds).toBeGreaterThan(0);
      expect(recovered.failover).toBeUndefined();
    } finally {
      stream.close();
    }
  }, 150_000);
});
