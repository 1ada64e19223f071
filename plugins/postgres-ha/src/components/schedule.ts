import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';

export type ScheduleDescription =
  | { words: string; nextRun: Date }
  | { error: string };

/**
 * A logical-backup cron schedule in words, with its next run after `now`.
 * The operator's backup CronJob runs in UTC, so the schedule is read as UTC.
 */
export function describeSchedule(
  schedule: string,
  now: Date,
): ScheduleDescription {
  try {
    const words = cronstrue.toString(schedule, { use24HourTimeFormat: true });
    const nextRun = CronExpressionParser.parse(schedule, {
      currentDate: now,
      tz: 'UTC',
    })
      .next()
      .toDate();
    return { words: `${words} (UTC)`, nextRun };
  } catch (error) {
    return {
      error: `Unreadable schedule "${schedule}": ${
        (error as Error).message ?? error
      }`,
    };
  }
}
