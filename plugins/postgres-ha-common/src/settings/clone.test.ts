import { exampleSettings } from './examples';
import { validateSettings } from './validate';

const clone = (source?: object, extra: object = {}) => ({
  ...exampleSettings.minimal,
  clone: {
    cluster: 'orders',
    timestamp: '2026-11-21T10:00:00+00:00',
    ...(source && { source }),
  },
  ...extra,
});

const errorsOf = (input: unknown) => {
  const result = validateSettings(input);
  return result.ok ? [] : result.errors.map(e => `${e.path}: ${e.message}`);
};

describe('clone.source (the WAL archive a point-in-time clone reads)', () => {
  it('is required, naming the source cluster', () => {
    expect(errorsOf(clone())).toEqual([
      'clone.source: is required for a point-in-time clone: give the store, bucket and credentials Secret where cluster orders archives its WAL (its backup.physical settings)',
    ]);
  });

  it('needs a bucket and a credentials Secret, like backup.physical', () => {
    expect(errorsOf(clone({ store: 'azure' }))).toEqual([
      'clone.source.bucket: is required for azure clone sources',
      'clone.source.credentialsSecret: is required for azure clone sources: name an existing Secret with the store credentials',
    ]);
  });

  it('refuses S3-only fields for gcs and the local store', () => {
    expect(
      errorsOf(
        clone({
          store: 'gcs',
          bucket: 'pg-backups',
          credentialsSecret: 'creds',
          region: 'eu-west-1',
        }),
      ),
    ).toEqual(['clone.source.region: applies to s3 only']);
    expect(
      errorsOf(
        clone({ store: 'local', bucket: 'pg-backups', credentialsSecret: 'c' }),
      ),
    ).toEqual(['clone.source.store: must be one of s3, gcs, azure']);
  });

  it('checks the shared store fields with the same messages as backup.physical', () => {
    expect(
      errorsOf(
        clone({
          store: 's3',
          bucket: 'Bad_Bucket',
          prefix: '../x',
          region: 'eu-central-1',
          credentialsSecret: 'creds',
        }),
      ),
    ).toEqual([
      'clone.source.bucket: must be a bucket name: 3–63 of a-z 0-9 - .',
      "clone.source.prefix: must be path segments of A-Z a-z 0-9 _ - . separated by '/', without '..' or a leading '/'",
    ]);
  });

  it('refuses a clone for the compose target', () => {
    expect(
      errorsOf(
        clone(
          {
            store: 's3',
            bucket: 'pg-backups',
            region: 'eu-central-1',
            credentialsSecret: 'creds',
          },
          { target: 'compose' },
        ),
      ),
    ).toEqual([
      'clone: cloning is a postgres-operator feature: use the kubernetes or helm target',
    ]);
  });

  it('needs a region or an endpoint for s3, so Spilo does not guess one', () => {
    const s3 = { store: 's3', bucket: 'pg-backups', credentialsSecret: 'c' };
    expect(errorsOf(clone(s3))).toEqual([
      expect.stringMatching(
        /^clone\.source\.region: is required for s3 clone sources without an endpoint: Spilo would otherwise guess/,
      ),
    ]);
    expect(errorsOf(clone({ ...s3, region: 'eu-west-1' }))).toEqual([]);
    expect(
      errorsOf(clone({ ...s3, endpoint: 'https://minio.internal:9000' })),
    ).toEqual([]);
  });

  describe('pointed at its own archive', () => {
    const source = {
      store: 's3',
      bucket: 'pg-backups',
      region: 'eu-central-1',
      credentialsSecret: 'creds',
    };
    const withBackups = (physical: object, cluster = 'orders') => ({
      ...clone(source),
      cluster: { ...exampleSettings.minimal.cluster, name: cluster },
      backup: { physical: { enabled: true, ...source, ...physical } },
    });

    it.each([
      ['the same explicit prefix', { prefix: 'spilo/orders' }, 'restored'],
      ['the default prefix of the same name', {}, 'orders'],
    ])(
      'refuses a clone whose source is its own backup archive (%s)',
      (_what, physical, name) => {
        expect(errorsOf(withBackups(physical, name))).toEqual([
          "clone.source.prefix: is where this cluster archives its own backups (s3://pg-backups/spilo/orders): its pruning would delete the source's base backups; give backup.physical.prefix (or bucket) another value",
        ]);
      },
    );

    it.each([
      ['another prefix', { prefix: 'spilo/restored' }],
      ['another bucket', { bucket: 'pg-backups-2', prefix: 'spilo/orders' }],
      [
        'another endpoint',
        { endpoint: 'https://minio.example:9000', prefix: 'spilo/orders' },
      ],
      ['backups off', { enabled: false, prefix: 'spilo/orders' }],
    ])('accepts %s', (_what, physical) => {
      expect(errorsOf(withBackups(physical, 'restored'))).toEqual([]);
    });
  });
});
