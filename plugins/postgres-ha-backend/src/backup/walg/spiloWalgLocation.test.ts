import type { ZalandoOperatorSettings } from '../../config/readZalandoOperator';
import { spiloEnvSources } from '../../kubernetes/spiloEnvSources';
import type { PostgresqlObject } from '../../kubernetes/types';
import { EnvEntry, EnvSource, spiloEnvironment } from './spiloEnvironment';
import { spiloWalgLocation } from './walgStore';

const UID = '5b8f7a51-3c1e-4d0a-9a43-0f6c2d9e1a10';

const postgresql = (env: EnvEntry[] = []): PostgresqlObject => ({
  metadata: { name: 'acid-orders', namespace: 'db', uid: UID },
  spec: { postgresql: { version: '18' }, env },
});

const configMap = (data: Record<string, string>): EnvSource => ({
  origin: 'ConfigMap postgres-operator/postgres-pod-config',
  entries: Object.entries(data).map(([name, value]) => ({ name, value })),
});

const secret = (data: Record<string, string>): EnvSource => ({
  ...configMap(data),
  origin: 'Secret db/postgres-pod-secrets',
  secret: true,
});

/** The location Spilo would find, for the pod the operator would build. */
function locate(options: {
  env?: EnvEntry[];
  operator?: ZalandoOperatorSettings;
  pod?: EnvSource[];
  namespace?: string;
}) {
  const { env, operator = {}, pod = [], namespace = 'db' } = options;
  return spiloWalgLocation(
    spiloEnvironment(
      spiloEnvSources(postgresql(env), namespace, operator, pod),
    ),
  );
}

describe('spiloWalgLocation (the operator builds the env, Spilo derives the prefix)', () => {
  it('derives s3://<wal_s3_bucket>/spilo/<cluster>/<uid>/wal/<version> from the operator bucket alone', () => {
    expect(locate({ operator: { walS3Bucket: 'pg-backups' } })).toEqual({
      provider: 's3',
      bucket: 'pg-backups',
      prefix: `spilo/acid-orders/${UID}/wal/18`,
      url: `s3://pg-backups/spilo/acid-orders/${UID}/wal/18`,
      schedule: undefined,
    });
  });

  it('derives gs:// from wal_gs_bucket the same way', () => {
    expect(locate({ operator: { walGsBucket: 'pg-wal' } })).toMatchObject({
      provider: 'gcs',
      bucket: 'pg-wal',
      prefix: `spilo/acid-orders/${UID}/wal/18`,
    });
  });

  it('lets an explicit WALG_S3_PREFIX in spec.env win over the operator bucket', () => {
    expect(
      locate({
        env: [{ name: 'WALG_S3_PREFIX', value: 's3://own/orders' }],
        operator: { walS3Bucket: 'pg-backups' },
      }),
    ).toMatchObject({ bucket: 'own', prefix: 'orders' });
  });

  it('uses WALE_S3_PREFIX when WALG_S3_PREFIX is not set, as Spilo copies it over', () => {
    expect(
      locate({ pod: [configMap({ WALE_S3_PREFIX: 's3://legacy/spilo/x' })] }),
    ).toMatchObject({ bucket: 'legacy', prefix: 'spilo/x' });
  });

  it('lets spec.env override the pod environment ConfigMap, and the Secret override the ConfigMap', () => {
    const cm = configMap({ WALG_S3_PREFIX: 's3://from-configmap/p' });
    expect(
      locate({
        env: [{ name: 'WALG_S3_PREFIX', value: 's3://from-spec/p' }],
        pod: [cm],
      })?.bucket,
    ).toBe('from-spec');
    const fromSecret = locate({
      pod: [secret({ WALG_S3_PREFIX: 's3://from-secret/p' }), cm],
    });
    expect(fromSecret).toMatchObject({ bucket: 'from-secret', secret: true });
    expect(fromSecret?.url).not.toContain('from-secret');
  });

  it("lets a ConfigMap's WALG_S3_PREFIX win over the operator bucket and expands $(SCOPE)", () => {
    expect(
      locate({
        operator: { walS3Bucket: 'pg-backups' },
        pod: [configMap({ WALG_S3_PREFIX: 's3://cm-bucket/spilo/$(SCOPE)' })],
      }),
    ).toMatchObject({ bucket: 'cm-bucket', prefix: 'spilo/acid-orders' });
  });

  it("prefixes the namespace when WAL_S3_BUCKET comes from a ConfigMap without WAL_BUCKET_SCOPE_PREFIX (Spilo's default)", () => {
    const bucketOnly = configMap({ WAL_S3_BUCKET: 'pg-backups' });
    expect(locate({ pod: [bucketOnly] })?.prefix).toBe(
      'spilo/db-acid-orders/wal/18',
    );
    expect(locate({ pod: [bucketOnly], namespace: 'default' })?.prefix).toBe(
      'spilo/acid-orders/wal/18',
    );
    const scoped = configMap({
      WAL_S3_BUCKET: 'pg-backups',
      WAL_BUCKET_SCOPE_PREFIX: '',
    });
    expect(locate({ pod: [scoped] })?.prefix).toBe('spilo/acid-orders/wal/18');
  });

  it('expands $(SCOPE)/$(PGVERSION) in an Azure prefix from the ConfigMap, as the operator docs configure it', () => {
    expect(
      locate({
        operator: { walAzStorageAccount: 'pghabackups' },
        pod: [
          configMap({
            WALG_AZ_PREFIX: 'azure://container-name/$(SCOPE)/$(PGVERSION)',
          }),
        ],
      }),
    ).toMatchObject({
      provider: 'azure',
      bucket: 'container-name',
      prefix: 'acid-orders/18',
    });
  });

  it('says that wal_az_storage_account alone names no archive', () => {
    expect(() =>
      locate({ operator: { walAzStorageAccount: 'pghabackups' } }),
    ).toThrow(
      'postgresHa.zalandoOperator.walAzStorageAccount sets AZURE_STORAGE_ACCOUNT but no WALG_AZ_PREFIX',
    );
  });

  it('names the variable and where it came from when a value is malformed, never echoing a Secret', () => {
    expect(() =>
      locate({ pod: [configMap({ WALG_S3_PREFIX: 'pg-backups/spilo' })] }),
    ).toThrow(
      "ConfigMap postgres-operator/postgres-pod-config WALG_S3_PREFIX 'pg-backups/spilo' is not <scheme>://<bucket>/<prefix>",
    );
    expect(() =>
      locate({ pod: [secret({ WALG_GS_PREFIX: 'hidden-bucket' })] }),
    ).toThrow(/^Secret db\/postgres-pod-secrets WALG_GS_PREFIX is not/);
    expect(() =>
      locate({ pod: [configMap({ WAL_S3_BUCKET: 's3://pg-backups' })] }),
    ).toThrow(
      "ConfigMap postgres-operator/postgres-pod-config WAL_S3_BUCKET 's3://pg-backups' is not a bare bucket name",
    );
    expect(() =>
      locate({ env: [{ name: 'WALG_S3_PREFIX', value: 's3://b/$(TEAM)/x' }] }),
    ).toThrow(
      "spec.env WALG_S3_PREFIX 's3://b/$(TEAM)/x' refers to $(TEAM), which the pod's environment does not define",
    );
  });

  it('finds nothing for a cluster without WAL-G variables or with Swift', () => {
    expect(locate({})).toBeUndefined();
    expect(
      locate({ pod: [configMap({ WAL_SWIFT_BUCKET: 'swift' })] }),
    ).toBeUndefined();
  });
});
