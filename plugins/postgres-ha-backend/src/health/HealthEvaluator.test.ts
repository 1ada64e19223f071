import type { ClusterMember } from '@pgha/plugin-postgres-ha-common';
import { HealthEvaluator, UnjudgedStatus } from './HealthEvaluator';

const NOW = new Date('2026-11-21T12:00:00Z');
const evaluator = HealthEvaluator.create({ lagWarningBytes: 16 * 1024 * 1024 });

const leader: ClusterMember = {
  name: 'pg0',
  role: 'leader',
  state: 'running',
  lagBytes: 0,
};
const replica = (
  name: string,
  extra: Partial<ClusterMember> = {},
): ClusterMember => ({
  name,
  role: 'replica',
  state: 'streaming',
  lagBytes: 0,
  ...extra,
});

function cluster(
  overrides: Partial<UnjudgedStatus> = {},
  summary: Partial<UnjudgedStatus['cluster']> = {},
): UnjudgedStatus {
  return {
    cluster: {
      name: 'c',
      source: 'patroni',
      replicationMode: 'async',
      desiredInstances: 3,
      readyInstances: 3,
      endpoints: {},
      links: {},
      ...summary,
    },
    members: [leader, replica('pg1'), replica('pg2')],
    history: [],
    backups: { base: [] },
    fetchedAt: NOW.toISOString(),
    ...overrides,
  };
}

describe('HealthEvaluator', () => {
  it('is Healthy with no reasons when every replica streams within the lag threshold', () => {
    expect(evaluator.evaluate(cluster(), NOW)).toEqual({
      state: 'Healthy',
      reasons: [],
    });
  });

  it('is Down when no member leads, and when the leader is not running', () => {
    expect(
      evaluator.evaluate(
        cluster({ members: [replica('pg1'), replica('pg2')] }),
        NOW,
      ),
    ).toEqual({
      state: 'Down',
      reasons: [
        'No leader among 2 members: the cluster does not accept writes',
      ],
    });
    expect(
      evaluator.evaluate(
        cluster({ members: [{ ...leader, state: 'stopped' }, replica('pg1')] }),
        NOW,
      ),
    ).toEqual({
      state: 'Down',
      reasons: ['Leader pg0 is stopped and does not accept writes'],
    });
  });

  it('is Unknown with the upstream error as reason when the source could not be read', () => {
    const verdict = evaluator.evaluate(
      cluster({
        error: { type: 'PatroniUnreachable', message: 'no member answered' },
      }),
      NOW,
    );
    expect(verdict).toEqual({
      state: 'Unknown',
      reasons: ['no member answered'],
    });
  });

  it('is Degraded for lag over the threshold, missing instances, a down pooler and no sync standby in synchronous mode', () => {
    const verdict = evaluator.evaluate(
      cluster(
        {
          members: [
            leader,
            replica('pg1', { lagBytes: 20 * 1024 * 1024 }),
            replica('pg2', { state: 'starting', lagBytes: null }),
          ],
          pooler: {
            ready: false,
            message: 'nothing listens on 127.0.0.1:6432',
          },
        },
        { replicationMode: 'synchronous', readyInstances: 2 },
      ),
      NOW,
    );
    expect(verdict).toEqual({
      state: 'Degraded',
      reasons: [
        'Replica pg1 lags 20.0 MiB behind the leader (threshold 16.0 MiB)',
        'Replica pg2 is not streaming (state: starting)',
        'Synchronous mode is on but no member is a synchronous standby',
        '2 of 3 desired instances are ready',
        'Connection pooler is down: nothing listens on 127.0.0.1:6432',
      ],
    });
  });

  it('is Down naming an unreachable leader and the ttl within which Patroni fails over', () => {
    const verdict = evaluator.evaluate(
      cluster(
        {
          members: [
            { ...leader, state: 'unreachable', dcsState: 'running' },
            replica('pg1', { state: 'running' }),
            replica('pg2', { state: 'running' }),
          ],
          failover: {
            phase: 'leader-unreachable',
            oldLeader: 'pg0',
            since: NOW.toISOString(),
            ttlSeconds: 10,
          },
        },
        { readyInstances: 2 },
      ),
      NOW,
    );
    expect(verdict).toEqual({
      state: 'Down',
      reasons: ['Leader pg0 unreachable — Patroni fails over within ttl 10 s'],
    });
  });

  it('is Down with "failover in progress" while no member holds the lock after a leader was lost', () => {
    const verdict = evaluator.evaluate(
      cluster({
        members: [replica('pg1'), replica('pg2')],
        failover: { phase: 'no-leader', oldLeader: 'pg0', since: '' },
      }),
      NOW,
    );
    expect(verdict.state).toBe('Down');
    expect(verdict.reasons[0]).toBe(
      'Failover in progress: leader pg0 lost, no member holds the leader lock yet; the cluster does not accept writes',
    );
  });

  it('is Degraded when WAL archiving fails or a slot lost its WAL', () => {
    const verdict = evaluator.evaluate(
      cluster({
        wal: {
          archiving: {
            archivedCount: 9,
            lastArchivedAt: '2026-11-21T11:00:00.000Z',
            failedCount: 3,
            lastFailedWal: '000000010000000000000010',
            lastFailedAt: '2026-11-21T11:59:00.000Z',
            failing: true,
          },
          slots: [
            {
              name: 'pg1',
              type: 'physical',
              active: true,
              walStatus: 'reserved',
            },
            { name: 'old', type: 'physical', active: false, walStatus: 'lost' },
          ],
        },
      }),
      NOW,
    );
    expect(verdict).toEqual({
      state: 'Degraded',
      reasons: [
        'WAL archiving fails: 000000010000000000000010 failed at 2026-11-21T11:59:00.000Z, last success 2026-11-21T11:00:00.000Z',
        'Replication slot old is lost: the WAL it needs is gone',
      ],
    });
  });

  it('names unreachable and unlisted members in the ready count', () => {
    const verdict = evaluator.evaluate(
      cluster(
        {
          members: [
            leader,
            replica('pg1'),
            replica('pg2', { role: 'unknown', state: 'unreachable' }),
          ],
        },
        { desiredInstances: 4, readyInstances: 2 },
      ),
      NOW,
    );
    expect(verdict.reasons).toContain(
      '2 of 4 desired instances are ready (pg2 unreachable, 1 not listed)',
    );
  });

  it('is Degraded when the newest backup is older than twice its schedule, and not before', () => {
    const daily = (lastSuccess: string) =>
      cluster({
        backups: {
          base: [],
          logical: { schedule: '30 0 * * *', lastSuccess, runs: [] },
        },
      });
    expect(evaluator.evaluate(daily('2026-11-20T00:31:00Z'), NOW).state).toBe(
      'Healthy',
    );
    expect(evaluator.evaluate(daily('2026-11-19T00:31:00Z'), NOW)).toEqual({
      state: 'Degraded',
      reasons: [
        'Newest logical backup (2026-11-19T00:31:00Z) is older than twice its schedule (30 0 * * *)',
      ],
    });
    const base = cluster({
      backups: {
        baseBackupSchedule: '0 * * * *',
        base: [
          {
            label: 'x',
            type: 'full',
            startedAt: '2026-11-21T08:00:00Z',
            finishedAt: '2026-11-21T08:01:00Z',
          },
        ],
      },
    });
    expect(evaluator.evaluate(base, NOW).reasons).toEqual([
      'Newest base backup (2026-11-21T08:01:00Z) is older than twice its schedule (0 * * * *)',
    ]);
  });
});
