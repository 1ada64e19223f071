import { CronExpressionParser } from 'cron-parser';

const FIELD_COUNT = 5;

/** Why `expression` is not a 5-field cron expression, or undefined when it is one. */
export function checkCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== FIELD_COUNT) {
    return `must be a 5-field cron expression (minute hour day-of-month month day-of-week), got ${fields.length} fields`;
  }
  if (fields.join(' ') !== expression) {
    return 'must separate its 5 fields by single spaces, without leading or trailing whitespace';
  }
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return undefined;
  } catch (e) {
    return `is not a valid cron expression: ${(e as Error).message}`;
  }
}
