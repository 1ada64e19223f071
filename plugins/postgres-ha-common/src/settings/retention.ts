import { cronCalendar } from './cron';

const DAY_MS = 86_400_000;
/** Two years from a leap year's start: every month-day and weekday pattern shows. */
const HORIZON_START = Date.UTC(2024, 0, 1);
const HORIZON_DAYS = 731;

/**
 * What Spilo's postgres_backup.sh keeps for `BACKUP_NUM_TO_RETAIN` = `retention` (N) with
 * base backups on `schedule`. Before each new backup it deletes the backups older than the
 * newest one that is at least N days old, but only when at least N backups are younger than
 * N days. So it keeps every backup of the last N days (at least N) and one older.
 * `prunes` is false when no run ever has N backups in the N days before it: then nothing is
 * ever deleted. `kept` is the most backups of any N days (plus the one older).
 */
export function spiloRetention(schedule: string, retention: number) {
  const calendar = cronCalendar(schedule);
  const runs = Array.from({ length: HORIZON_DAYS }, (_, day) =>
    calendar.runsOn(new Date(HORIZON_START + day * DAY_MS))
      ? calendar.runsPerDay
      : 0,
  );
  let prunes = false;
  let kept = 0;
  for (let day = retention; day < HORIZON_DAYS; day++) {
    if (runs[day] === 0) continue;
    // The first run of `day` sees the runs of the N days before it.
    const before = runs
      .slice(day - retention, day)
      .reduce((sum, n) => sum + n, 0);
    prunes ||= before >= retention;
    kept = Math.max(kept, before + 1);
  }
  return { prunes, kept };
}
