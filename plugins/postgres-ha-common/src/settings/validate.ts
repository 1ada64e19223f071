import { z } from 'zod';
import type { ClusterSettings } from './schema';
import { clusterSettingsSchema } from './model';
import { shown } from './echo';
import { settingsWarnings } from './warnings';
import type { SettingsError } from './settingsError';

export type { SettingsError };

export type ValidationResult =
  | { ok: true; settings: ClusterSettings; warnings: SettingsError[] }
  | { ok: false; errors: SettingsError[] };

/** `backup.physical.schedule`, `databases[0].name`; `(settings)` for the root. */
export function formatPath(path: (string | number)[]): string {
  const text = path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${part}`,
    )
    .join('');
  return text || '(settings)';
}

function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined'
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}, got ${issue.received}`;
    case z.ZodIssueCode.unrecognized_keys:
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .map(shown)
        .join(', ')}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `must be one of ${issue.options.join(', ')}`;
    default:
      return issue.message;
  }
}

/** Fields the model no longer has, with what to do instead (clearer than "unknown field"). */
const RETIRED: Record<string, string> = {
  'clone.uid':
    'is no longer a setting: no renderer used it, the clone reads the WAL archive named by clone.source; for a source archived under its UID put that path into clone.source.prefix (e.g. spilo/<cluster>/<uid>/wal/<version>)',
};

/** Errors of one zod issue; a retired field gets its own error at its own path. */
function errorsOf(issue: z.ZodIssue): SettingsError[] {
  const path = formatPath(issue.path);
  if (issue.code !== z.ZodIssueCode.unrecognized_keys) {
    return [{ path, message: describeIssue(issue) }];
  }
  const retired = issue.keys.filter(k => `${path}.${k}` in RETIRED);
  const unknown = issue.keys.filter(k => !retired.includes(k));
  return [
    ...retired.map(k => ({
      path: `${path}.${k}`,
      message: RETIRED[`${path}.${k}`],
    })),
    ...(unknown.length
      ? [{ path, message: describeIssue({ ...issue, keys: unknown }) }]
      : []),
  ];
}

/** Validates untrusted settings; never throws. Valid settings come with warnings (see settingsWarnings). */
export function validateSettings(input: unknown): ValidationResult {
  const result = clusterSettingsSchema.safeParse(input);
  if (result.success) {
    return {
      ok: true,
      settings: result.data,
      warnings: settingsWarnings(result.data),
    };
  }
  return { ok: false, errors: result.error.issues.flatMap(errorsOf) };
}

/** Renders errors one per line, `path: message`, for logs and the CLI. */
export function formatSettingsErrors(errors: SettingsError[]): string {
  return errors.map(e => `${e.path}: ${e.message}`).join('\n');
}
