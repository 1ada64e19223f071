import type { BackupStatus } from '@pgha/plugin-postgres-ha-common';

type RecoveryWindow = NonNullable<BackupStatus['recoveryWindow']>;

/**
 * Oldest backup's finish → the later of the newest archived WAL's write time
 * and the newest backup's finish. The backup's own stop segment can be written
 * a moment before the backup records its finish, and a backup is always
 * restorable to its own end.
 */
export function recoveryWindowOf(opts: {
  oldestFinishedAt: string;
  newestFinishedAt: string;
  walArchivedAt?: string;
  latestWal?: string;
}): RecoveryWindow {
  const { oldestFinishedAt, newestFinishedAt, walArchivedAt } = opts;
  const latest =
    walArchivedAt && Date.parse(walArchivedAt) > Date.parse(newestFinishedAt)
      ? walArchivedAt
      : newestFinishedAt;
  const window: RecoveryWindow = { earliest: oldestFinishedAt, latest };
  if (opts.latestWal) window.latestWal = opts.latestWal;
  return window;
}
