import yaml from 'yaml';
import { dryRunFile, useWizardBackend } from './__testUtils__/wizardBackend';

/** What the entity tab's restore operation sends as ?formData= (see docs/wizard.md). */
const restoreValues = (targetTime: string) => ({
  sourceEntity: 'resource:default/lab-postgres',
  targetTime,
  target: 'kubernetes',
  cluster: {
    name: 'lab-restored',
    namespace: 'default',
    team: 'platform',
    owner: 'group:default/platform-team',
  },
  topology: { instances: 1 },
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
      });
      expect(manifest.metadata.name).toBe('lab-restored');
      expect(manifest.spec.numberOfInstances).toBe(1);
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
});
