import { exampleSettings } from '../../settings';
import { objectStores, settingsFrom } from '../../__testUtils__/settings';
import { validatePostgresqlObject } from '../../__testUtils__/validators';
import { buildPostgresql } from './postgresql';

type Env = { name: string; value?: string }[];

/*
 * Stand-in for the operator and Spilo, which cannot run here (no Kubernetes in unit tests):
 * generateSpiloPodEnvVars (pkg/cluster/k8sres.go) appends its configuration's WAL_S3_BUCKET /
 * WAL_GS_BUCKET after spec.env and skips names already present (appendEnvVars, case-insensitive);
 * write_wale_environment (configure_spilo.py) takes S3 when WAL_S3_BUCKET, WALE_S3_PREFIX or
 * WALG_S3_PREFIX is non-empty, else GCS, else Swift, else Azure.
 */
function operatorEnv(specEnv: Env, operatorConfig: Env): Env {
  const env: Env = [];
  for (const e of [...specEnv, ...operatorConfig]) {
    const known = env.some(
      seen => seen.name.toLowerCase() === e.name.toLowerCase(),
    );
    if (!known) env.push(e);
  }
  return env;
}

function spiloStore(env: Env): string {
  const set = (...names: string[]) =>
    names.some(n => env.find(e => e.name === n)?.value);
  if (set('WAL_S3_BUCKET', 'WALE_S3_PREFIX', 'WALG_S3_PREFIX')) return 's3';
  if (
    set(
      'WAL_GCS_BUCKET',
      'WAL_GS_BUCKET',
      'WALE_GCS_PREFIX',
      'WALE_GS_PREFIX',
      'WALG_GS_PREFIX',
    )
  )
    return 'gcs';
  if (set('WAL_SWIFT_BUCKET', 'WALE_SWIFT_PREFIX')) return 'swift';
  if (set('WALG_AZ_PREFIX')) return 'azure';
  return 'none';
}

/** What an operator configured with global buckets (wal_s3_bucket, wal_gs_bucket) adds. */
const GLOBAL_BUCKETS: Env = [
  { name: 'WAL_S3_BUCKET', value: 'operator-global' },
  { name: 'WAL_BUCKET_SCOPE_SUFFIX', value: '/uid' },
  { name: 'WAL_GS_BUCKET', value: 'operator-global-gs' },
];

describe('WAL-G store chosen against an operator with global buckets (operator/Spilo stand-in)', () => {
  const stores = objectStores('backup-creds');
  it.each(['s3', 'gcs', 'azure'] as const)(
    '%s backups stay in the chosen store',
    store => {
      const s = settingsFrom({
        ...exampleSettings.minimal,
        backup: { physical: { enabled: true, ...stores[store] } },
      });
      const pg = buildPostgresql(s) as unknown as { spec: { env: Env } };
      expect(validatePostgresqlObject(pg)).toEqual([]);
      expect(spiloStore(operatorEnv(pg.spec.env, GLOBAL_BUCKETS))).toBe(store);
    },
  );

  it('the stand-in picks the global bucket when spec.env leaves it free', () => {
    const env: Env = [{ name: 'WALG_GS_PREFIX', value: 'gs://b/p' }];
    expect(spiloStore(operatorEnv(env, GLOBAL_BUCKETS))).toBe('s3');
  });
});
