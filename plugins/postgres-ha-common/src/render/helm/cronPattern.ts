/**
 * A JSON-schema pattern (RE2: Helm validates values in Go) for the cron expressions Debian's
 * Vixie cron, which runs Spilo's BACKUP_SCHEDULE, takes: five fields of lists of `*`, a
 * number or a range, each with an optional `/step`; a month or weekday name alone. The
 * settings model's cron check is the rule; renderHelm.test.ts keeps both in agreement.
 */
const FIELDS = [
  '[0-5]?[0-9]',
  '[01]?[0-9]|2[0-3]',
  '0?[1-9]|[12][0-9]|3[01]',
  '0?[1-9]|1[0-2]',
  '[0-7]',
];
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const DAYS = 'sun|mon|tue|wed|thu|fri|sat';

/** Names in any case, without inline flags (JavaScript and RE2 read it alike). */
const anyCase = (names: string) =>
  names.replace(/[a-z]/g, c => `[${c}${c.toUpperCase()}]`);

function field(number: string, names?: string): string {
  const n = `(${number})`;
  const item = `(\\*|${n}(-${n})?)(/[1-9][0-9]*)?`;
  const list = `${item}(,${item})*`;
  return names ? `(${list}|${anyCase(names)})` : `(${list})`;
}

export const VIXIE_CRON_PATTERN = `^${[
  field(FIELDS[0]),
  field(FIELDS[1]),
  field(FIELDS[2]),
  field(FIELDS[3], MONTHS),
  field(FIELDS[4], DAYS),
].join(' ')}$`;
