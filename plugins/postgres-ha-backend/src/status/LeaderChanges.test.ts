import type { ClusterMember } from '@pgha/plugin-postgres-ha-common';
import { LeaderChanges } from './LeaderChanges';

/** "pg0:leader:running:7 pg1:replica:streaming:7": a snapshot's members, as printed while recording. */
const members = (line: string): ClusterMember[] =>
  line.split(' ').map(m => {
    const [name, role, state, timeline] = m.split(':');
    return {
      name,
      role: role as ClusterMember['role'],
      state,
      timeline: timeline ? Number(timeline) : undefined,
      lagBytes: 0,
    };
  });

const history = (timeline: number, newLeader: string) => [
  { timeline, reason: 'no recovery target specified', newLeader },
];

describe('LeaderChanges', () => {
  it('records a switchover although the demoting leader stops reporting its timeline (snapshots recorded on the lab)', () => {
    const changes = LeaderChanges.create();
    const t0 = 1_000_000;
    [
      'pg0:leader:running:7 pg1:replica:streaming:7 pg2:replica:streaming:7',
      'pg0:leader:running: pg1:replica:running:7 pg2:replica:running:7',
      'pg0:replica:stopped: pg1:leader:running:7 pg2:replica:running:7',
      'pg0:replica:stopped: pg1:leader:running:8 pg2:replica:running:7',
    ].forEach((line, i) => changes.observe(members(line), t0 + i * 800));
    expect(changes.annotate(history(8, 'pg1'))).toEqual([
      {
        ...history(8, 'pg1')[0],
        oldLeader: 'pg0',
        type: 'switchover',
      },
    ]);
    expect(changes.unsettled(t0 + 3 * 800 + 1_000)).toBe(true);
    expect(changes.unsettled(t0 + 3 * 800 + 6_000)).toBe(false);
  });

  it('records a failover with its time to recover when the leader was unreachable first', () => {
    const changes = LeaderChanges.create();
    changes.observe(members('pg0:leader:running:2 pg1:replica:streaming:2'), 0);
    changes.observe(
      members('pg0:leader:unreachable:2 pg1:replica:running:2'),
      500,
    );
    changes.observe(
      members('pg0:unknown:unreachable: pg1:replica:running:2'),
      9_000,
    );
    expect(changes.unsettled(9_100)).toBe(true);
    changes.observe(
      members('pg0:unknown:unreachable: pg1:leader:running:2'),
      9_900,
    );
    expect(changes.annotate(history(3, 'pg1'))[0]).toMatchObject({
      type: 'failover',
      oldLeader: 'pg0',
      recoverySeconds: 9.4,
    });
  });

  it('names who asked for a switchover through the backend and times it from the request', () => {
    const changes = LeaderChanges.create();
    changes.observe(members('pg0:leader:running:4 pg1:replica:streaming:4'), 0);
    changes.noteSwitchover('user:default/dba', 1_000);
    changes.observe(
      members('pg0:replica:stopped: pg1:leader:running:4'),
      3_000,
    );
    expect(changes.annotate(history(5, 'pg1'))[0]).toMatchObject({
      type: 'switchover',
      recoverySeconds: 2,
      initiator: 'user:default/dba',
    });
  });

  it('leaves history it did not see alone', () => {
    const changes = LeaderChanges.create();
    expect(changes.annotate(history(2, 'pg1'))).toEqual(history(2, 'pg1'));
  });
});
