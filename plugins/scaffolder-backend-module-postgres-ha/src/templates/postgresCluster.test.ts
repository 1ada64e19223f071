import fs from 'node:fs';
import path from 'node:path';
import {
  dryRunFile,
  dryRunPaths,
  eventually,
  useWizardBackend,
} from './__testUtils__/wizardBackend';

/** Answers a user gives the wizard; every other field keeps the template's defaults. */
function answers(overrides: Record<string, unknown> = {}) {
  return {
    target: 'kubernetes',
    publishTo: 'local',
    cluster: {
      name: 'orders-db',
      namespace: 'orders',
      team: 'orders',
      owner: 'group:default/platform-team',
    },
    backup: {
      physical: {
        enabled: true,
        store: 's3',
        bucket: 'acme-pg-backups',
        region: 'eu-central-1',
        credentialsSecret: 'orders-backup-s3',
        schedule: '0 1 * * *',
        retention: 7,
      },
      pitr: true,
    },
    ...overrides,
  };
}

describe('the postgres-cluster template through the real scaffolder and catalog', () => {
  const {
    api,
    dryRun: dryRunTemplate,
    publishedPath,
  } = useWizardBackend('template/default/postgres-cluster');
  const dryRun = (values: object) => dryRunTemplate('postgres-cluster', values);

  it.each([
    [
      'kubernetes',
      'async, no pooler',
      'manifests/postgresql.yaml',
      'numberOfInstances: 2',
      {
        topology: { instances: 2, replication: 'async' },
        pooling: { primary: false },
      },
    ],
    [
      'kubernetes',
      'strict sync with both poolers',
      'manifests/postgresql.yaml',
      'enableReplicaConnectionPooler: true',
      {
        topology: {
          instances: 3,
          replication: 'synchronous-strict',
          synchronousNodeCount: 1,
        },
        pooling: { primary: true, replica: true },
      },
    ],
    [
      'helm',
      'three synchronous instances',
      'chart/values.yaml',
      'instances: 3',
      { topology: { instances: 3, replication: 'synchronous' } },
    ],
    [
      'compose',
      'local backups on PostgreSQL 17',
      'docker-compose.yml',
      'pg-1:',
      {
        postgresql: { version: 17 },
        backup: { physical: { enabled: true, store: 'local' }, pitr: false },
      },
    ],
  ])(
    'dry-run renders %s files for %s, with a catalog-info.yaml',
    async (target, _what, file, text, overrides) => {
      const res = await dryRun(answers({ target, ...overrides }));
      expect({ status: res.status, error: res.body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const failed = res.body.steps.filter(
        (s: { status: string }) => s.status === 'failed',
      );
      expect(failed).toEqual([]);
      expect(dryRunPaths(res.body)).toContain('catalog-info.yaml');
      expect(dryRunFile(res.body, file)).toContain(text);
    },
  );

  it('dry-run drops answers the form hid (s3 region after choosing gcs, extras of a disabled exporter) instead of refusing them', async () => {
    const res = await dryRun(
      answers({
        backup: {
          physical: {
            enabled: true,
            store: 'gcs',
            bucket: 'acme-pg-backups',
            credentialsSecret: 'orders-backup-gcs',
            region: 'eu-central-1',
            endpoint: 'https://minio.example:9000',
            forcePathStyle: true,
          },
          pitr: true,
        },
        monitoring: {
          exporter: { enabled: false },
          podMonitor: true,
          grafanaDashboard: true,
        },
      }),
    );
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const manifest = dryRunFile(res.body, 'manifests/postgresql.yaml');
    expect(manifest).toContain('acme-pg-backups');
    expect(manifest).not.toContain('eu-central-1');
    expect(dryRunPaths(res.body).some(f => /podmonitor/i.test(f))).toBe(false);
    const log = res.body.log
      .map((l: { body: { message?: string } }) => l.body.message)
      .join('\n');
    expect(log).toContain(
      'ignored answers to hidden fields: backup.physical.region, backup.physical.endpoint, backup.physical.forcePathStyle, monitoring.podMonitor, monitoring.grafanaDashboard',
    );
  });

  it('dry-run stops at the validate step with the field path when the settings break a rule', async () => {
    const res = await dryRun(
      answers({ topology: { instances: 1, replication: 'synchronous' } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'topology.instances: synchronous replication needs at least 2 instances',
    );
  });

  it('a real task publishes the files locally and the new Resource entity appears in the catalog', async () => {
    const created = await api().post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/postgres-cluster',
      values: answers({
        cluster: {
          name: 'billing-db',
          namespace: 'billing',
          team: 'billing',
          owner: 'group:default/platform-team',
        },
      }),
    });
    expect(created.status).toBe(201);
    const task = await eventually(async () => {
      const res = await api().get(
        `/api/scaffolder/v2/tasks/${created.body.id}`,
      );
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 90_000);
    const events = (
      await api().get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
    ).body;
    const log = events.map((e: any) => e.body?.message).filter(Boolean);
    // On failure the assertion shows the end of the task log, which names the failing step.
    expect(
      task.status === 'completed' ? 'completed' : log.slice(-6).join('\n'),
    ).toBe('completed');

    const published = publishedPath('billing-db');
    expect(fs.existsSync(path.join(published, 'catalog-info.yaml'))).toBe(true);
    const entity = await api().get(
      '/api/catalog/entities/by-name/resource/default/billing-db',
    );
    expect(entity.status).toBe(200);
    expect(entity.body.spec).toMatchObject({
      type: 'database',
      owner: 'group:default/platform-team',
    });
    const completion = events.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityRef: 'resource:default/billing-db' }),
      ]),
    );
  }, 120_000);
});
