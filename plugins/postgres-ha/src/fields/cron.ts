import { checkCron } from '@pgha/plugin-postgres-ha-common';
import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';

export type CronReading =
  | { ok: true; words: string; nextRuns: Date[] }
  | { ok: false; problem: string };

/**
 * Reads a backup schedule the way the settings model does (its `checkCron` decides what is
 * valid), then says it in words with its next runs. Backups run in UTC.
 */
export function readCron(expression: string, now: Date, runs = 3): CronReading {
  const problem = checkCron(expression);
  if (problem) return { ok: false, problem: `Schedule ${problem}` };
  const words = cronstrue.toString(expression, { use24HourTimeFormat: true });
  const nextRuns = CronExpressionParser.parse(expression, {
    currentDate: now,
    tz: 'UTC',
  })
    .take(runs)
    .map(date => date.toDate());
  return { ok: true, words: `${words} (UTC)`, nextRuns };
}
