import { exampleSettings } from './examples';
import { validateSettings, formatSettingsErrors } from './validate';

const minimal = exampleSettings.minimal;
const production = exampleSettings.production;

/** Errors of `input`, as `path: message` lines; fails the test if input is valid. */
function errorsOf(input: unknown): string[] {
  const result = validateSettings(input);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors.map(e => `${e.path}: ${e.message}`);
}

const withCluster = (patch: object) => ({ ...minimal, ...patch });

describe('validateSettings', () => {
  it('fills safe defaults into a minimal cluster', () => {
    const result = validateSettings(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.settings;
    expect(s.target).toBe('kubernetes');
    expect(s.operatorVersion).toBe('v2.x');
    expect(s.cluster.namespace).toBe('default');
    expect(s.postgresql.version).toBe(17);
    expect(s.topology).toMatchObject({ instances: 2, replication: 'async' });
    expect(s.topology.patroni).toEqual({
      ttl: 30,
      loopWait: 10,
      retryTimeout: 10,
    });
    expect(s.backup.physical.enabled).toBe(false);
    expect(s.monitoring.exporter.enabled).toBe(true);
  });

  it('accepts the production example with every feature on', () => {
    expect(validateSettings(production)).toMatchObject({ ok: true });
  });

  it('names the missing identity fields', () => {
    expect(errorsOf({ cluster: {} })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cluster\.name: is required/),
        expect.stringMatching(/^cluster\.team: is required/),
        expect.stringMatching(/^cluster\.owner: is required/),
      ]),
    );
  });

  it('refuses unknown fields so typos do not pass silently', () => {
    expect(errorsOf({ ...minimal, backups: {} })).toEqual([
      '(settings): unknown field "backups"',
    ]);
  });

  it.each([
    [12, /operator ≤ v1\.13/],
    [13, /operator ≤ v1\.15/],
    [11, /allowed: 14–18/],
    [19, /allowed: 14–18/],
  ])(
    'refuses PostgreSQL %i for operator v2.x and says which line supports it',
    (version, message) => {
      const errors = errorsOf(withCluster({ postgresql: { version } }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^postgresql\.version: /);
      expect(errors[0]).toMatch(message);
    },
  );

  it.each([14, 15, 16, 17, 18])('accepts PostgreSQL %i', version => {
    expect(validateSettings(withCluster({ postgresql: { version } })).ok).toBe(
      true,
    );
  });

  it('refuses PostgreSQL 18 for the compose target on postgresql.version, naming the pinned Spilo image as the reason', () => {
    const errors = errorsOf(
      withCluster({ target: 'compose', postgresql: { version: 18 } }),
    );
    expect(errors).toEqual([expect.stringMatching(/^postgresql\.version: /)]);
    expect(errors[0]).toMatch(/allowed: 14–17/);
    expect(errors[0]).toMatch(/Spilo image/);
    expect(
      validateSettings(
        withCluster({ target: 'helm', postgresql: { version: 18 } }),
      ).ok,
    ).toBe(true);
  });

  it.each([14, 15, 16, 17])(
    'accepts PostgreSQL %i for the compose target',
    version => {
      expect(
        validateSettings(
          withCluster({ target: 'compose', postgresql: { version } }),
        ).ok,
      ).toBe(true);
    },
  );

  const withAlertsAndExporter = (image: string) =>
    withCluster({
      monitoring: { exporter: { image }, prometheusRule: { enabled: true } },
    });

  it.each([
    'prometheuscommunity/postgres-exporter:v0.11.1',
    `example/postgres-exporter:v0.12.0@sha256:${'a'.repeat(64)}`,
  ])(
    'with alerts on, refuses exporter image %s on monitoring.exporter.image (the rules need the v0.13 replication collector)',
    image => {
      expect(errorsOf(withAlertsAndExporter(image))).toEqual([
        expect.stringMatching(
          /^monitoring\.exporter\.image: .*v0\.13\.0 or later/,
        ),
      ]);
    },
  );

  it.each([
    'prometheuscommunity/postgres-exporter:v0.13.0',
    'prometheuscommunity/postgres-exporter:v0.17.1',
    'internal/exporter:latest',
  ])('with alerts on, accepts exporter image %s', image => {
    expect(validateSettings(withAlertsAndExporter(image)).ok).toBe(true);
  });

  it('refuses operator v1 lines', () => {
    expect(errorsOf(withCluster({ operatorVersion: 'v1.15.0' }))).toEqual([
      'operatorVersion: only operator v2.x is supported (e.g. v2.x or v2.0.1)',
    ]);
  });

  it('needs two instances for synchronous replication', () => {
    expect(
      errorsOf(
        withCluster({ topology: { instances: 1, replication: 'synchronous' } }),
      ),
    ).toEqual([
      'topology.instances: synchronous replication needs at least 2 instances',
    ]);
  });

  it('needs more instances than sync nodes in strict mode', () => {
    const errors = errorsOf(
      withCluster({
        topology: {
          instances: 2,
          replication: 'synchronous-strict',
          synchronousNodeCount: 2,
        },
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^topology\.synchronousNodeCount: synchronous-strict needs more instances/,
    );
  });

  it('keeps Patroni timing safe: loopWait + 2 × retryTimeout <= ttl', () => {
    expect(
      errorsOf(
        withCluster({
          topology: { patroni: { ttl: 20, loopWait: 10, retryTimeout: 10 } },
        }),
      ),
    ).toEqual([
      'topology.patroni.ttl: must be at least loopWait + 2 × retryTimeout (30)',
    ]);
  });

  it('requires WAL archiving (backup.physical) for point-in-time recovery', () => {
    expect(errorsOf(withCluster({ backup: { pitr: true } }))[0]).toMatch(
      /^backup\.pitr: point-in-time recovery needs WAL archiving: enable backup\.physical/,
    );
  });

  it('accepts point-in-time recovery on the local store of the compose target (it archives WAL there)', () => {
    const input = withCluster({
      target: 'compose',
      backup: { physical: { enabled: true, store: 'local' }, pitr: true },
    });
    expect(validateSettings(input).ok).toBe(true);
  });

  it('allows the local backup store only for the compose target', () => {
    const local = { backup: { physical: { enabled: true, store: 'local' } } };
    expect(errorsOf(withCluster(local))[0]).toMatch(
      /^backup\.physical\.store: local backups exist only for the compose target/,
    );
    expect(
      validateSettings(withCluster({ ...local, target: 'compose' })).ok,
    ).toBe(true);
  });

  it('requires bucket and credentials secret for object storage', () => {
    expect(
      errorsOf(
        withCluster({ backup: { physical: { enabled: true, store: 'gcs' } } }),
      ),
    ).toEqual([
      'backup.physical.bucket: is required for gcs backups',
      'backup.physical.credentialsSecret: is required for gcs backups: name an existing Secret with the store credentials',
    ]);
  });

  it('checks cron expressions and says what is allowed', () => {
    const errors = errorsOf(
      withCluster({
        backup: {
          physical: { schedule: '0 1 * *' },
          logical: { schedule: '61 * * * *' },
        },
      }),
    );
    expect(errors[0]).toMatch(
      /^backup\.physical\.schedule: must be a 5-field cron expression/,
    );
    expect(errors[1]).toMatch(
      /^backup\.logical\.schedule: is not a valid cron expression/,
    );
  });

  it("refuses logical backup schedules the operator's CRD pattern rejects", () => {
    const errors = errorsOf(
      withCluster({
        backup: { logical: { enabled: true, schedule: '0 1 * * 1-5' } },
      }),
    );
    expect(errors[0]).toMatch(
      /^backup\.logical\.schedule: the operator accepts only numbers/,
    );
  });

  it('enforces DNS names and the operator length limit', () => {
    expect(
      errorsOf({
        ...minimal,
        cluster: { ...minimal.cluster, name: 'Acid_Orders' },
      })[0],
    ).toMatch(/^cluster\.name: cluster name must be a DNS-1123 label/);
    expect(
      errorsOf({
        ...minimal,
        cluster: { ...minimal.cluster, name: `a${'b'.repeat(58)}` },
      })[0],
    ).toBe('cluster.name: cluster name must be at most 58 characters');
    expect(
      errorsOf({
        ...minimal,
        cluster: { ...minimal.cluster, name: `a${'b'.repeat(55)}` },
        pooling: { replica: true },
      })[0],
    ).toMatch(
      /^cluster\.name: must be at most 51 characters with a replica pooler/,
    );
  });

  it('checks quantities and that requests fit the limits', () => {
    expect(errorsOf(withCluster({ storage: { size: 'ten gigs' } }))[0]).toMatch(
      /^storage\.size: must be a quantity/,
    );
    expect(
      errorsOf(
        withCluster({
          resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } },
        }),
      ),
    ).toEqual([
      'resources.requests.memory: must not exceed resources.limits.memory (1Gi)',
    ]);
  });

  it('allows only listed PostgreSQL parameters with well-formed values', () => {
    const errors = errorsOf(
      withCluster({
        postgresql: {
          parameters: { wal_level: 'minimal', shared_buffers: 'lots' },
        },
      }),
    );
    expect(errors[0]).toMatch(
      /^postgresql\.parameters\.wal_level: parameter "wal_level" is not allowed/,
    );
    expect(errors[1]).toMatch(
      /^postgresql\.parameters\.shared_buffers: must be a number/,
    );
  });

  it('refuses system roles as database owners and duplicate databases', () => {
    expect(
      errorsOf(
        withCluster({
          databases: [
            { name: 'app', owner: 'postgres' },
            { name: 'app', owner: 'app_owner' },
          ],
        }),
      ),
    ).toEqual([
      'databases[0].owner: "postgres" is a system role the operator manages; choose another owner',
      'databases[1].name: database "app" is listed twice',
    ]);
  });

  it('needs a TLS secret or an issuer for the chosen TLS mode', () => {
    expect(
      errorsOf(withCluster({ security: { tls: { mode: 'secret' } } })),
    ).toEqual(['security.tls.secretName: is required when tls.mode is secret']);
    expect(
      errorsOf(withCluster({ security: { tls: { mode: 'cert-manager' } } })),
    ).toEqual([
      'security.tls.issuer: is required when tls.mode is cert-manager',
    ]);
  });

  it('formats errors one per line for logs and the CLI', () => {
    expect(
      formatSettingsErrors([
        { path: 'a.b', message: 'is required' },
        { path: 'c', message: 'must be x' },
      ]),
    ).toBe('a.b: is required\nc: must be x');
  });
});
