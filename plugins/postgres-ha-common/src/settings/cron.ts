import { CronExpressionParser } from 'cron-parser';
import { shown } from './echo';

/** The five fields of a crontab line with their ranges and names (Vixie cron, as Debian's). */
const FIELDS = [
  { name: 'minute', low: 0, high: 59 },
  { name: 'hour', low: 0, high: 23 },
  { name: 'day-of-month', low: 1, high: 31 },
  {
    name: 'month',
    low: 1,
    high: 12,
    names: 'jan feb mar apr may jun jul aug sep oct nov dec',
  },
  // 0 and 7 are both Sunday.
  {
    name: 'day-of-week',
    low: 0,
    high: 7,
    names: 'sun mon tue wed thu fri sat',
  },
] as const;
type Field = (typeof FIELDS)[number];

const GRAMMAR =
  'numbers, names (jan–dec, sun–sat), *, ranges a-b, lists a,b and steps */n or a-b/n';

/** The number a value stands for in `field`, or undefined when it is not one. */
function valueOf(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const names = 'names' in field ? field.names.split(' ') : [];
  const index = names.indexOf(text.toLowerCase());
  // jan is 1, sun is 0: names count from the field's lowest value.
  return index < 0 ? undefined : index + field.low;
}

/** Why one list item (`*`, `5`, `1-5`, `*\/15`, `mon-fri/2`) is not one Vixie cron reads. */
function checkItem(item: string, field: Field): string | undefined {
  const match = /^(\*|(\w+)(?:-(\w+))?)(?:\/(\d+))?$/.exec(item);
  if (!match) return `${shown(item)} is not one of ${GRAMMAR}`;
  const [, , from, to, step] = match;
  if (step !== undefined && from !== undefined && to === undefined) {
    return `${shown(item)}: a step needs * or a range (write ${from}-${
      field.high
    }/${step})`;
  }
  if (step !== undefined && Number(step) === 0)
    return 'a step must be at least 1';
  const ends = [from, to].filter((e): e is string => e !== undefined);
  const values = ends.map(e => valueOf(e, field));
  for (const [i, v] of values.entries()) {
    if (v === undefined || v < field.low || v > field.high) {
      return `${shown(ends[i])} is not allowed: use ${field.low}–${field.high}${
        'names' in field ? ' or a name' : ''
      }, or ${GRAMMAR} (L, W, ?, # and H are not Vixie cron)`;
    }
  }
  if (values.length === 2 && values[0]! > values[1]!) {
    return `${shown(
      item,
    )}: a range must go upward (Vixie cron never runs a backward range)`;
  }
  return undefined;
}

/**
 * Why `expression` is not a 5-field schedule that Spilo's Debian (Vixie) cron and the
 * Kubernetes/busybox readers all take the same way, or undefined when it is one. Debian cron
 * refuses the whole crontab on one bad line and Spilo ignores that, so no backup would run.
 */
export function checkCron(expression: string): string | undefined {
  if (expression.startsWith('@')) {
    return 'must be 5 fields, not a @macro: write 0 0 * * * for @daily, 0 * * * * for @hourly';
  }
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== FIELDS.length) {
    return `must be a 5-field cron expression (minute hour day-of-month month day-of-week), got ${fields.length} fields`;
  }
  if (fields.join(' ') !== expression) {
    return 'must separate its 5 fields by single spaces, without leading or trailing whitespace';
  }
  for (const [i, text] of fields.entries()) {
    for (const item of text.split(',')) {
      const problem = checkItem(item, FIELDS[i]);
      if (problem) {
        return `is not a valid cron expression: ${FIELDS[i].name} field: ${problem}`;
      }
    }
  }
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return undefined;
  } catch {
    return 'is not a valid cron expression: it never runs (e.g. a day that no month has) or repeats a value';
  }
}

/** The values one valid field stands for (day-of-week 7 read as 0). */
function expand(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [, from, to, step] = /^(\*|\w+)(?:-(\w+))?(?:\/(\d+))?$/.exec(item)!;
    let [low, high]: number[] = [field.low, field.high];
    if (from !== '*') {
      low = valueOf(from, field)!;
      high = to === undefined ? low : valueOf(to, field)!;
    }
    for (let v = low; v <= high; v += Number(step ?? 1)) {
      values.add(field.name === 'day-of-week' ? v % 7 : v);
    }
  }
  return values;
}

/** When a valid schedule runs: how often on a day it runs, and whether it runs on `day`. */
export function cronCalendar(expression: string) {
  const fields = expression.split(' ');
  const [minutes, hours, doms, months, dows] = fields.map((text, i) =>
    expand(text, FIELDS[i]),
  );
  // Vixie cron: when day-of-month and day-of-week are both restricted, either may match.
  const either = !fields[2].startsWith('*') && !fields[4].startsWith('*');
  return {
    runsPerDay: minutes.size * hours.size,
    runsOn(day: Date): boolean {
      if (!months.has(day.getUTCMonth() + 1)) return false;
      const dom = doms.has(day.getUTCDate());
      const dow = dows.has(day.getUTCDay());
      return either ? dom || dow : dom && dow;
    },
  };
}
