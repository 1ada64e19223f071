import { settingsSectionValidation } from './SettingsSectionField';
import { proposalFor } from './proposals';
import { validatorContext } from './__testUtils__/fieldProps';
import { answers } from './__testUtils__/answers';

/** The error schema the scaffolder hands the form as extraErrors, without the functions. */
async function errorsOf(
  formData: Record<string, unknown>,
  section: string,
): Promise<unknown> {
  const errors: string[] = [];
  const validation = {
    __errors: errors,
    addError: (m: string) => errors.push(m),
  };
  await settingsSectionValidation(
    formData[section],
    validation as any,
    validatorContext(undefined, formData),
  );
  return JSON.parse(JSON.stringify(validation));
}

describe('settingsSectionValidation', () => {
  it('puts a model error under its field and blocks the page with a count', async () => {
    const form = answers({
      topology: { instances: 1, replication: 'synchronous' },
    });
    expect(await errorsOf(form, 'topology')).toEqual({
      __errors: [expect.stringContaining('One answer in this section')],
      instances: {
        __errors: ['synchronous replication needs at least 2 instances'],
      },
    });
  });

  it('leaves errors of other sections to their own pages', async () => {
    const form = answers({
      backup: {
        physical: {
          enabled: true,
          store: 's3',
          credentialsSecret: 'orders-s3',
        },
      },
    });
    expect(await errorsOf(form, 'topology')).toEqual({ __errors: [] });
    expect(await errorsOf(form, 'backup')).toMatchObject({
      physical: { bucket: { __errors: ['is required for s3 backups'] } },
    });
  });

  it('puts the replica pooler’s name limit under the replica pooler, not the name on the first page', async () => {
    const form = answers({
      cluster: { ...answers().cluster, name: `orders-${'x'.repeat(45)}` },
      pooling: { primary: true, replica: true },
    });
    expect(await errorsOf(form, 'cluster')).toEqual({ __errors: [] });
    expect(await errorsOf(form, 'pooling')).toMatchObject({
      replica: {
        __errors: [expect.stringMatching(/^cluster\.name must be at most 51/)],
      },
    });
  });
});

describe('proposalFor', () => {
  it('lowers PostgreSQL 18 to the newest major the compose stack runs, and says so', () => {
    expect(
      proposalFor('postgresql', { version: 18 }, { target: 'compose' }),
    ).toEqual({
      value: { version: 17 },
      note: expect.stringContaining('changed from 18 to 17'),
    });
    expect(
      proposalFor('postgresql', { version: 18 }, { target: 'kubernetes' }),
    ).toBeUndefined();
  });

  it('proposes an application database and owner named after the cluster while there is none', () => {
    const form = { cluster: { name: 'orders-db' } };
    expect(proposalFor('databases', [], form)?.value).toEqual([
      { name: 'orders_db', owner: 'orders_db_owner' },
    ]);
    expect(
      proposalFor('databases', [{ name: 'app', owner: 'app' }], form),
    ).toBeUndefined();
  });
});
