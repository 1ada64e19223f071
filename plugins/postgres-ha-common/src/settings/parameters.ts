import { shown } from './echo';

/**
 * PostgreSQL parameters a user may set. Anything else is refused so that
 * settings Patroni or the operator own (wal_level, ports, archive_command, …)
 * cannot be overridden by accident.
 */
type ParameterKind =
  | 'integer'
  | 'memory'
  | 'duration'
  | 'real'
  | 'boolean'
  | 'enum';

interface ParameterRule {
  kind: ParameterKind;
  values?: readonly string[];
}

const MEMORY = /^\d+(kB|MB|GB|TB)?$/;
const DURATION = /^-?\d+(us|ms|s|min|h|d)?$/;
const INTEGER = /^-?\d+$/;
const REAL = /^-?\d+(\.\d+)?$/;
const BOOLEAN = /^(on|off|true|false)$/;

export const ALLOWED_PARAMETERS: Readonly<Record<string, ParameterRule>> = {
  max_connections: { kind: 'integer' },
  shared_buffers: { kind: 'memory' },
  effective_cache_size: { kind: 'memory' },
  work_mem: { kind: 'memory' },
  maintenance_work_mem: { kind: 'memory' },
  wal_buffers: { kind: 'memory' },
  min_wal_size: { kind: 'memory' },
  max_wal_size: { kind: 'memory' },
  temp_file_limit: { kind: 'memory' },
  checkpoint_timeout: { kind: 'duration' },
  checkpoint_completion_target: { kind: 'real' },
  random_page_cost: { kind: 'real' },
  seq_page_cost: { kind: 'real' },
  effective_io_concurrency: { kind: 'integer' },
  default_statistics_target: { kind: 'integer' },
  max_worker_processes: { kind: 'integer' },
  max_parallel_workers: { kind: 'integer' },
  max_parallel_workers_per_gather: { kind: 'integer' },
  max_parallel_maintenance_workers: { kind: 'integer' },
  max_locks_per_transaction: { kind: 'integer' },
  autovacuum_max_workers: { kind: 'integer' },
  autovacuum_naptime: { kind: 'duration' },
  autovacuum_vacuum_scale_factor: { kind: 'real' },
  autovacuum_analyze_scale_factor: { kind: 'real' },
  statement_timeout: { kind: 'duration' },
  lock_timeout: { kind: 'duration' },
  idle_in_transaction_session_timeout: { kind: 'duration' },
  log_min_duration_statement: { kind: 'duration' },
  log_lock_waits: { kind: 'boolean' },
  log_temp_files: { kind: 'memory' },
  log_statement: { kind: 'enum', values: ['none', 'ddl', 'mod', 'all'] },
  track_io_timing: { kind: 'boolean' },
  jit: { kind: 'boolean' },
  hot_standby_feedback: { kind: 'boolean' },
  password_encryption: { kind: 'enum', values: ['scram-sha-256', 'md5'] },
};

const PATTERNS: Record<Exclude<ParameterKind, 'enum'>, RegExp> = {
  integer: INTEGER,
  memory: MEMORY,
  duration: DURATION,
  real: REAL,
  boolean: BOOLEAN,
};

const HINTS: Record<Exclude<ParameterKind, 'enum'>, string> = {
  integer: 'an integer, e.g. 200',
  memory: 'a size such as 512MB, 4GB or 8192 (pages)',
  duration: 'a duration such as 30s, 5min or 1000 (ms)',
  real: 'a number such as 0.9',
  boolean: 'on or off',
};

/** Returns why `value` is not acceptable for `name`, or undefined when it is. */
export function checkParameter(
  name: string,
  value: string,
): string | undefined {
  const rule = ALLOWED_PARAMETERS[name];
  if (!rule) {
    return `parameter ${shown(name)} is not allowed; allowed: ${Object.keys(
      ALLOWED_PARAMETERS,
    ).join(', ')}`;
  }
  if (rule.kind === 'enum') {
    return rule.values!.includes(value)
      ? undefined
      : `must be one of ${rule.values!.join(', ')}`;
  }
  return PATTERNS[rule.kind].test(value)
    ? undefined
    : `must be ${HINTS[rule.kind]}`;
}
