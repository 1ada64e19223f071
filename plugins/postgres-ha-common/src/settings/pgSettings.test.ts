import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PG_SETTINGS, PG_SETTINGS_VERSION } from './pgSettings.generated';

const POSTGRES =
  process.env.PG_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin/postgres';
const canRun = fs.existsSync(POSTGRES);
const suite = canRun ? describe : describe.skip;

const VARTYPE: Record<string, string> = {
  BOOLEAN: 'bool',
  INTEGER: 'integer',
  REAL: 'real',
  STRING: 'string',
  ENUM: 'enum',
};

/** name → [vartype, min, max] as the real server describes its settings (no server started). */
function describeConfig(): Map<string, [string, string, string]> {
  const text = execFileSync(POSTGRES, ['--describe-config'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const rows = new Map<string, [string, string, string]>();
  for (const line of text.trim().split('\n')) {
    const [name, context, , vartype, , min, max] = line.split('\t');
    if (context !== 'internal') rows.set(name, [vartype, min, max]);
  }
  return rows;
}

suite(
  canRun
    ? 'the committed pg_settings table against `postgres --describe-config` of Debian PostgreSQL 15'
    : 'the committed pg_settings table (SKIPPED: no PostgreSQL 15 server binary; scripts/test installs postgresql-15)',
  () => {
    const real = canRun ? describeConfig() : new Map();

    it('was read from the same PostgreSQL major', () => {
      const version = execFileSync(POSTGRES, ['--version'], {
        encoding: 'utf8',
      });
      expect(version).toContain(
        `PostgreSQL) ${PG_SETTINGS_VERSION.split('.')[0]}.`,
      );
    });

    it('holds every setting the server describes, with its type and range', () => {
      expect(real.size).toBeGreaterThan(250);
      const numeric = (type: string, text: string) =>
        type === 'INTEGER' || type === 'REAL' ? Number(text) : undefined;
      const theirs = [...real].map(([name, [vartype, min, max]]) => ({
        name,
        vartype: VARTYPE[vartype],
        min: numeric(vartype, min),
        max: numeric(vartype, max),
      }));
      const ours = [...real.keys()].map(name => ({
        name,
        vartype: PG_SETTINGS[name]?.vartype,
        min: PG_SETTINGS[name]?.min,
        max: PG_SETTINGS[name]?.max,
      }));
      expect(ours).toEqual(theirs);
    });
  },
);
