import { z } from 'zod';
import {
  CIDR_V4,
  CIDR_V6,
  CPU_QUANTITY,
  DNS_LABEL,
  DNS_LABEL_MAX,
  DNS_SUBDOMAIN,
  DNS_SUBDOMAIN_MAX,
  LABEL_KEY,
  LABEL_VALUE,
  MAINTENANCE_WINDOW,
  MEMORY_QUANTITY,
} from './names';
import { checkCron } from './cron';
import { quantityValue } from './quantity';

/** Reusable field builders so every rule and message is written once. */

export const dnsLabel = (what: string, max = DNS_LABEL_MAX) =>
  z
    .string()
    .max(max, `${what} must be at most ${max} characters`)
    .regex(
      DNS_LABEL,
      `${what} must be a DNS-1123 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit`,
    );

export const secretName = (what: string) =>
  z
    .string()
    .max(
      DNS_SUBDOMAIN_MAX,
      `${what} must be at most ${DNS_SUBDOMAIN_MAX} characters`,
    )
    .regex(
      DNS_SUBDOMAIN,
      `${what} must be a Kubernetes object name (DNS-1123 subdomain: lowercase letters, digits, '-' and '.')`,
    );

/** A bounded Kubernetes quantity; a malformed one gets its format error only. */
const quantity = (
  pattern: RegExp,
  format: string,
  [min, max]: [string, string],
  unit = '',
) =>
  z
    .string()
    .max(32, 'must be at most 32 characters')
    .regex(pattern, format)
    .refine(text => {
      const value = quantityValue(text);
      return (
        Number.isNaN(value) ||
        (value >= quantityValue(min) && value <= quantityValue(max))
      );
    }, `must be between ${min} and ${max}${unit}`);

export const cpu = () =>
  quantity(
    CPU_QUANTITY,
    'must be a CPU quantity such as 500m, 1 or 1.5',
    ['1m', '256'],
    ' (CPUs)',
  );

/** Memory of the postgres container: PostgreSQL and Patroni need some tens of MiB. */
export const memory = () =>
  quantity(MEMORY_QUANTITY, 'must be a quantity such as 512Mi, 4Gi or 1G', [
    '64Mi',
    '4Ti',
  ]);

/** Volume size: what a PersistentVolume of a real StorageClass can hold. */
export const volumeSize = () =>
  quantity(MEMORY_QUANTITY, 'must be a quantity such as 10Gi, 500Gi or 1Ti', [
    '1Gi',
    '64Ti',
  ]);

export const cron = () =>
  z.string().superRefine((value, ctx) => {
    const problem = checkCron(value);
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const cidr = () =>
  z
    .string()
    .refine(
      v => CIDR_V4.test(v) || CIDR_V6.test(v),
      'must be a CIDR range such as 10.0.0.0/8 or 2001:db8::/32',
    );

export const labels = (what: string) =>
  z.record(
    z.string().regex(LABEL_KEY, `${what} keys must be Kubernetes label keys`),
    z
      .string()
      .regex(
        LABEL_VALUE,
        `${what} values must be Kubernetes label values (at most 63 of A-Z a-z 0-9 - _ .)`,
      ),
  );

/** Human text (descriptions): printable, bounded; tab and newline allowed. */
export const prose = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine(
      text => ![...text].some(isForbiddenControl),
      'must not contain control characters or U+2028/U+2029 line separators (tab and newline are fine)',
    );

/**
 * C0 controls except tab, line feed and carriage return; DEL; C1 controls (U+0080–U+009F,
 * with NEL U+0085); and the Unicode line/paragraph separators. YAML readers in Go and
 * libyaml take NEL, U+2028 and U+2029 as line breaks, so a description could add keys.
 */
function isForbiddenControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return ![0x09, 0x0a, 0x0d].includes(code);
  return (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Container image reference: `[host[:port]/]path[:tag][@digest]`, no whitespace. */
export const image = () =>
  z
    .string()
    .max(255)
    .regex(
      /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
      'must be a container image reference such as org/image:1.2.3',
    );

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Operator maintenance window (UTC). The operator's `MaintenanceWindow.UnmarshalJSON` refuses
 * a window whose end is before its start and marks the whole `postgresql` object Invalid, so a
 * window across midnight must be written as two; an empty window (end = start) is refused too.
 */
export const maintenanceWindow = () =>
  z
    .string()
    .regex(
      MAINTENANCE_WINDOW,
      'must look like HH:MM-HH:MM or Ddd:HH:MM-HH:MM (UTC, Ddd one of Mon..Sun)',
    )
    .superRefine((window, ctx) => {
      // Runs after a failed regex too (zod refinements see dirty values).
      const { day, start, end } = MAINTENANCE_WINDOW.exec(window)?.groups ?? {};
      if (!start) return;
      if (end > start) return;
      const next = day ? `${WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % 7]}:` : '';
      const first = `${day ? `${day}:` : ''}${start}-23:59`;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          end === start
            ? 'must end after it starts (an empty window lets the operator do nothing)'
            : `must end after it starts: the operator refuses windows across midnight; write two windows, ${first} and ${next}00:00-${end}`,
      });
    });
