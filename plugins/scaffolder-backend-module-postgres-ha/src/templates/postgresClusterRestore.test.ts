import yaml from 'yaml';
import { dryRunFile, useWizardBackend } from './__testUtils__/wizardBackend';

/** The source's WAL archive as the restore plan prefills it from its live `postgresql` env. */
const walSource = {
  store: 's3',
  bucket: 'lab-backups',
  endpoint: 'http://minio.lab:9000',
  forcePathStyle: true,
  credentialsSecret: 'lab-backup-creds',
};

/** What the entity tab's restore operation sends as ?formData= (see docs/wizard.md). */
const restoreValues = (targetTime: string, source: object = walSource) => ({
  sourceEntity: 'resource:default/lab-postgres',
  targetTime,
  walSource: source,
  target: 'kubernetes',
  cluster: {
    name: 'lab-restored',
    namespace: 'default',
    team: 'platform',
    owner: 'group:default/platform-team',
  },
  topology: { instances: 1 },
  postgresql: { version: 15 },
  storage: { size: '50Gi' },
});

describe('the postgres-cluster-restore template through the real scaffolder and catalog', () => {
  const { dryRun: dryRunTemplate } = useWizardBackend(
    'resource/default/lab-postgres',
  );
  const dryRun = (values: object) =>
    dryRunTemplate('postgres-cluster-restore', values);

  it.each([
    [
      'with a numeric zone',
      '2025-06-01T12:00:00+02:00',
      '2025-06-01T12:00:00+02:00',
    ],
    [
      'in UTC written as Z, as +00:00 (the CRD refuses Z)',
      '2025-06-01T10:00:00Z',
      '2025-06-01T10:00:00+00:00',
    ],
  ])(
    'dry-run renders spec.clone of the source cluster at a timestamp %s',
    async (_what, targetTime, expected) => {
      const res = await dryRun(restoreValues(targetTime));
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const manifest = yaml.parse(
        dryRunFile(res.body, 'manifests/postgresql.yaml'),
      );
      // `lab` is the source entity's postgres-ha/cluster-name annotation, not its entity name.
      expect(manifest.spec.clone).toEqual({
        cluster: 'lab',
        timestamp: expected,
        // Where the lab cluster (`lab`) archives: spilo/<cluster> in its bucket.
        s3_wal_path: 's3://lab-backups/spilo/lab',
      });
      expect(manifest.metadata.name).toBe('lab-restored');
      expect(manifest.spec.numberOfInstances).toBe(1);
      // The source's major and volume size, as the entity tab prefills them.
      expect(manifest.spec.postgresql.version).toBe('15');
      expect(manifest.spec.volume.size).toBe('50Gi');
      const entity = yaml.parse(dryRunFile(res.body, 'catalog-info.yaml'));
      expect(entity.metadata.description).toBe(
        `Restored from resource:default/lab-postgres at ${targetTime}`,
      );
    },
  );

  it('dry-run refuses a timestamp without a zone, naming clone.timestamp and the expected form', async () => {
    const res = await dryRun(restoreValues('2025-06-01T12:00:00'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'clone.timestamp: must be an RFC 3339 timestamp with a numeric zone offset, e.g. 2025-06-01T12:00:00+02:00',
    );
  });

  it('dry-run renders the WAL source as CLONE_ env with Secret references only, for a gcs source with a prefix', async () => {
    const res = await dryRun(
      restoreValues('2025-06-01T12:00:00+02:00', {
        store: 'gcs',
        bucket: 'lab-backups',
        prefix: 'team/lab',
        credentialsSecret: 'lab-gcs-key',
      }),
    );
    expect(res.status).toBe(200);
    const manifest = yaml.parse(
      dryRunFile(res.body, 'manifests/postgresql.yaml'),
    );
    expect(manifest.spec.env).toEqual([
      { name: 'CLONE_USE_WALG_RESTORE', value: 'true' },
      { name: 'CLONE_WAL_GS_BUCKET', value: 'lab-backups' },
      { name: 'CLONE_WALG_GS_PREFIX', value: 'gs://lab-backups/team/lab' },
      {
        name: 'CLONE_GOOGLE_APPLICATION_CREDENTIALS',
        value: '/var/secrets/google-clone/key.json',
      },
    ]);
    expect(manifest.spec.additionalVolumes).toEqual([
      expect.objectContaining({
        mountPath: '/var/secrets/google-clone',
        volumeSource: { secret: { secretName: 'lab-gcs-key' } },
      }),
    ]);
  });

  it('dry-run refuses a WAL source without a credentials Secret in the form, naming walSource.credentialsSecret', async () => {
    const { credentialsSecret: _, ...withoutSecret } = walSource;
    const res = await dryRun(
      restoreValues('2025-06-01T12:00:00+02:00', withoutSecret),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { stack: string }) => e.stack)).toEqual([
      'instance.walSource requires property "credentialsSecret"',
    ]);
  });

  it('dry-run refuses S3-only fields on a gcs WAL source through the model, naming clone.source.region', async () => {
    const res = await dryRun(
      restoreValues('2025-06-01T12:00:00+02:00', {
        store: 'gcs',
        bucket: 'lab-backups',
        region: 'eu-west-1',
        credentialsSecret: 'lab-gcs-key',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'clone.source.region: applies to s3 only',
    );
  });
});
