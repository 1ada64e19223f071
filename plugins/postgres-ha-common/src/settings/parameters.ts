import { shown } from './echo';
import type { PgSetting } from './pgSetting';
import { PG_SETTINGS, PG_SETTINGS_VERSION } from './pgSettings.generated';

/**
 * PostgreSQL parameters a user may set. Anything else is refused so that settings Patroni or
 * the operator own (wal_level, ports, archive_command, …) cannot be overridden by accident.
 */
const ALLOWED_NAMES = [
  'max_connections',
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'maintenance_work_mem',
  'wal_buffers',
  'min_wal_size',
  'max_wal_size',
  'temp_file_limit',
  'checkpoint_timeout',
  'checkpoint_completion_target',
  'random_page_cost',
  'seq_page_cost',
  'effective_io_concurrency',
  'default_statistics_target',
  'max_worker_processes',
  'max_parallel_workers',
  'max_parallel_workers_per_gather',
  'max_parallel_maintenance_workers',
  'max_locks_per_transaction',
  'autovacuum_max_workers',
  'autovacuum_naptime',
  'autovacuum_vacuum_scale_factor',
  'autovacuum_analyze_scale_factor',
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'log_min_duration_statement',
  'log_lock_waits',
  'log_temp_files',
  'log_statement',
  'track_io_timing',
  'jit',
  'hot_standby_feedback',
  'password_encryption',
] as const;

/**
 * The allowed parameters with PostgreSQL's own type, unit, range and enum values (read from
 * pg_settings of the PostgreSQL named by PG_SETTINGS_VERSION), e.g. for a parameter picker.
 */
export const ALLOWED_PARAMETERS: Readonly<Record<string, PgSetting>> =
  Object.fromEntries(ALLOWED_NAMES.map(name => [name, PG_SETTINGS[name]]));

export { PG_SETTINGS_VERSION };

/** Bytes per memory unit and milliseconds per time unit, as postgresql.conf spells them. */
const MEMORY_UNITS: Record<string, number> = {
  B: 1,
  kB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};
const TIME_UNITS: Record<string, number> = {
  us: 1e-3,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** The base unit of a setting (`8kB`, `ms` …) as a multiplier and its unit table. */
function baseUnit(unit: string) {
  const [, count, name] = /^(\d*)(\w+)$/.exec(unit)!;
  const table = name in MEMORY_UNITS ? MEMORY_UNITS : TIME_UNITS;
  return { table, size: Number(count || 1) * table[name] };
}

const BOOLEAN = /^(on|off|true|false|yes|no|1|0)$/i;
const NUMBER = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/;

/**
 * The value of a numeric setting in its base unit (PostgreSQL's rounding), or why it is not
 * one: a bare number is in the base unit; a number with a unit is converted.
 */
export function numericValue(
  setting: PgSetting,
  value: string,
): number | string {
  const match = NUMBER.exec(value.trim());
  const base = setting.unit ? baseUnit(setting.unit) : undefined;
  const units = base ? Object.keys(base.table).join(', ') : '';
  if (!match) {
    return base
      ? `must be a number, optionally with a unit (${units})`
      : `must be a number`;
  }
  const [, number, unit] = match;
  if (!unit) {
    if (setting.vartype === 'integer' && number.includes('.')) {
      return 'must be a whole number (or a number with a unit)';
    }
    return Number(number);
  }
  if (!base || !(unit in base.table)) {
    return base
      ? `has unit ${shown(unit)}; use one of ${units}`
      : 'takes no unit';
  }
  const inBase = (Number(number) * base.table[unit]) / base.size;
  return setting.vartype === 'integer' ? Math.round(inBase) : inBase;
}

function rangeText(setting: PgSetting): string {
  const unit = setting.unit ? ` (in units of ${setting.unit})` : '';
  return `from ${setting.min} to ${setting.max}${unit}`;
}

/** Returns why `value` is not acceptable for `name`, or undefined when it is. */
export function checkParameter(
  name: string,
  value: string,
): string | undefined {
  const setting = ALLOWED_PARAMETERS[name];
  if (!setting) {
    return `parameter ${shown(
      name,
    )} is not allowed; allowed: ${ALLOWED_NAMES.join(', ')}`;
  }
  switch (setting.vartype) {
    case 'bool':
      return BOOLEAN.test(value) ? undefined : 'must be on or off';
    case 'enum':
      return setting.enumvals!.includes(value.toLowerCase())
        ? undefined
        : `must be one of ${setting.enumvals!.join(', ')}`;
    case 'integer':
    case 'real': {
      const number = numericValue(setting, value);
      if (typeof number === 'string') return number;
      return number >= setting.min! && number <= setting.max!
        ? undefined
        : `must be ${rangeText(setting)}, the range of PostgreSQL ${
            PG_SETTINGS_VERSION.split(' ')[0]
          }`;
    }
    default:
      return 'string parameters are not supported';
  }
}

/** Bytes of a memory parameter already accepted by checkParameter, or undefined when unset. */
export function parameterBytes(name: string, value: string | undefined) {
  const setting = ALLOWED_PARAMETERS[name];
  if (value === undefined || !setting?.unit) return undefined;
  const number = numericValue(setting, value);
  return typeof number === 'number'
    ? number * baseUnit(setting.unit).size
    : undefined;
}
