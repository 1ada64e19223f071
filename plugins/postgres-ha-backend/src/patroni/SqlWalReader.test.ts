import { toWalStatus } from './SqlWalReader';

describe('toWalStatus', () => {
  it("reads the query's row (as psql printed it on the lab) and tells a failing archiver", () => {
    const row = {
      archiver: {
        archived_count: 9,
        last_archived_wal: '000000090000000000000010',
        last_archived_time: '2026-12-01T07:21:37.065+00:00',
        failed_count: 2,
        last_failed_wal: '000000090000000000000011',
        last_failed_time: '2026-12-01T07:22:37.065+00:00',
      },
      slots: [
        {
          slot_name: 'pg1',
          slot_type: 'physical',
          active: true,
          restart_lsn: '0/11000000',
          wal_status: 'reserved',
          safe_wal_size: null,
          plugin: null,
        },
      ],
      size: 15179626,
    };
    expect(toWalStatus(row)).toEqual({
      archiving: {
        archivedCount: 9,
        lastArchivedWal: '000000090000000000000010',
        lastArchivedAt: '2026-12-01T07:21:37.065Z',
        failedCount: 2,
        lastFailedWal: '000000090000000000000011',
        lastFailedAt: '2026-12-01T07:22:37.065Z',
        failing: true,
      },
      slots: [
        {
          name: 'pg1',
          type: 'physical',
          active: true,
          restartLsn: '0/11000000',
          walStatus: 'reserved',
          safeWalSizeBytes: null,
        },
      ],
      databaseSizeBytes: 15179626,
    });
    expect(
      toWalStatus({
        ...row,
        archiver: { ...row.archiver, last_failed_time: '2026-12-01T07:00:00Z' },
      }).archiving?.failing,
    ).toBe(false);
  });
});
