/** One row of PostgreSQL's pg_settings view, as the generated table keeps it. */
export interface PgSetting {
  vartype: 'bool' | 'integer' | 'real' | 'string' | 'enum';
  context: string;
  description: string;
  /** Base unit of the value, e.g. `8kB`, `kB`, `ms`, `s`, `min`. */
  unit?: string;
  min?: number;
  max?: number;
  enumvals?: string[];
}
