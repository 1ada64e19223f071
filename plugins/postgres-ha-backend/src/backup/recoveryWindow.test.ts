import { recoveryWindowOf } from './recoveryWindow';

describe('recoveryWindowOf', () => {
  const oldestFinishedAt = '2026-11-20T10:00:05.000Z';
  const newestFinishedAt = '2026-11-21T10:00:05.000Z';

  it('ends at the newest archived WAL when it was written after the newest backup', () => {
    expect(
      recoveryWindowOf({
        oldestFinishedAt,
        newestFinishedAt,
        walArchivedAt: '2026-11-21T12:30:00.000Z',
        latestWal: '000000020000000000000007',
      }),
    ).toEqual({
      earliest: oldestFinishedAt,
      latest: '2026-11-21T12:30:00.000Z',
      latestWal: '000000020000000000000007',
    });
  });

  it('never ends before the newest backup finished (stop segment archived a second before the backup recorded its end)', () => {
    const window = recoveryWindowOf({
      oldestFinishedAt: newestFinishedAt,
      newestFinishedAt,
      walArchivedAt: '2026-11-21T10:00:04.000Z',
      latestWal: '000000010000000000000003',
    });
    expect(window.latest).toBe(newestFinishedAt);
    expect(Date.parse(window.earliest)).toBeLessThanOrEqual(
      Date.parse(window.latest),
    );
  });

  it('ends at the newest backup when no archived WAL time is known', () => {
    expect(recoveryWindowOf({ oldestFinishedAt, newestFinishedAt })).toEqual({
      earliest: oldestFinishedAt,
      latest: newestFinishedAt,
    });
  });
});
