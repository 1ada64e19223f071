import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { REPO_ROOT, eventually, startWizardBackend } from './wizardBackend';

const templateFile = path.join(REPO_ROOT, 'templates', 'postgres-cluster', 'template.yaml');

/** Answers a user gives the wizard; every other field keeps the template's defaults. */
function answers(overrides: Record<string, unknown> = {}) {
  return {
    target: 'kubernetes',
    publishTo: 'local',
    cluster: { name: 'orders-db', namespace: 'orders', team: 'orders', owner: 'group:default/platform-team' },
    backup: {
      physical: { enabled: true, store: 's3', bucket: 'acme-pg-backups', credentialsSecret: 'orders-backup-s3', schedule: '0 1 * * *', retention: 7 },
      pitr: true,
    },
    ...overrides,
  };
}

describe('the postgres-cluster template through the real scaffolder and catalog', () => {
  const dir = createMockDirectory();
  let wizard: Awaited<ReturnType<typeof startWizardBackend>>;

  beforeAll(async () => {
    wizard = await startWizardBackend(dir.resolve('published'));
    await eventually(async () => {
      const res = await wizard.api.get('/api/catalog/entities/by-name/template/default/postgres-cluster');
      return res.status === 200 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    await wizard?.backend.stop();
  });

  const dryRun = (values: object) =>
    wizard.api.post('/api/scaffolder/v2/dry-run', {
      template: yaml.parse(fs.readFileSync(templateFile, 'utf8')),
      values,
      directoryContents: [],
    });

  const files = (body: { directoryContents: { path: string }[] }) =>
    body.directoryContents.map(f => f.path).sort();

  // The compose renderer is not implemented yet; add its case when it lands.
  it.each([
    ['kubernetes', 'async, no pooler', { topology: { instances: 2, replication: 'async' }, pooling: { primary: false } }],
    ['kubernetes', 'strict sync with both poolers', { topology: { instances: 3, replication: 'synchronous-strict', synchronousNodeCount: 1 }, pooling: { primary: true, replica: true } }],
    ['helm', 'production defaults', {}],
  ])('dry-run renders %s files for %s, with a catalog-info.yaml', async (target, _what, overrides) => {
    const res = await dryRun(answers({ target, ...overrides }));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    const failed = res.body.steps.filter((s: { status: string }) => s.status === 'failed');
    expect(failed).toEqual([]);
    expect(files(res.body)).toContain('catalog-info.yaml');
    expect(files(res.body).length).toBeGreaterThan(1);
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
    const created = await wizard.api.post('/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/postgres-cluster',
      values: answers({ cluster: { name: 'billing-db', namespace: 'billing', team: 'billing', owner: 'group:default/platform-team' } }),
    });
    expect(created.status).toBe(201);
    const task = await eventually(async () => {
      const res = await wizard.api.get(`/api/scaffolder/v2/tasks/${created.body.id}`);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 90_000);
    const events = (await wizard.api.get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)).body;
    const log = events.map((e: any) => e.body?.message).filter(Boolean);
    // On failure the assertion shows the end of the task log, which names the failing step.
    expect(task.status === 'completed' ? 'completed' : log.slice(-6).join('\n')).toBe('completed');

    const published = dir.resolve('published', 'billing-db');
    expect(fs.existsSync(path.join(published, 'catalog-info.yaml'))).toBe(true);
    const entity = await wizard.api.get('/api/catalog/entities/by-name/resource/default/billing-db');
    expect(entity.status).toBe(200);
    expect(entity.body.spec).toMatchObject({ type: 'database', owner: 'group:default/platform-team' });
    const completion = events.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ entityRef: 'resource:default/billing-db' })]),
    );
  }, 120_000);
});
