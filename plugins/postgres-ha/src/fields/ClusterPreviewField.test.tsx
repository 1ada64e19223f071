import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import {
  ClusterPreviewField,
  clusterPreviewValidation,
} from './ClusterPreviewField';
import {
  fieldProps,
  recordingValidation,
  validatorContext,
} from './__testUtils__/fieldProps';
import { answers } from './__testUtils__/answers';

const render = (
  formData: Record<string, unknown>,
  onChange?: (value: string | undefined) => void,
) =>
  renderInTestApp(
    <ClusterPreviewField
      {...fieldProps<string>({
        title: 'Generated files',
        id: 'preview',
        formContext: { formData },
        onChange,
      })}
    />,
  );

function validate(formData: Record<string, unknown>) {
  const { validation, errors } = recordingValidation();
  clusterPreviewValidation(
    'previewed',
    validation,
    validatorContext(undefined, formData),
  );
  return errors;
}

describe('ClusterPreviewField', () => {
  it('writes a value into the form, because the scaffolder validates only fields that have one', async () => {
    const onChange = jest.fn();
    await render(answers(), onChange);
    expect(onChange).toHaveBeenCalledWith('previewed');
  });

  it('shows the kubernetes files of the answers, with the instance count in the manifest', async () => {
    await render(answers());
    const files = screen.getByTestId('preview-files');
    expect(within(files).getByText(/files for kubernetes/)).toBeInTheDocument();
    expect(within(files).getByText('catalog-info.yaml')).toBeInTheDocument();
    await userEvent.click(within(files).getByText('manifests/postgresql.yaml'));
    expect(
      await within(files).findByText(/numberOfInstances: 3/),
    ).toBeInTheDocument();
  });

  it('switches to the helm chart of the same answers on its tab', async () => {
    await render(answers());
    await userEvent.click(screen.getByRole('tab', { name: 'helm' }));
    const files = screen.getByTestId('preview-files');
    expect(within(files).getByText(/files for helm/)).toBeInTheDocument();
    expect(within(files).getByText('chart/values.yaml')).toBeInTheDocument();
  });

  it('lists the model errors by field path instead of files, and keeps the page from going on', async () => {
    const broken = answers({
      backup: {
        physical: { enabled: true, store: 's3', region: 'eu-central-1' },
        pitr: true,
      },
    });
    await render(broken);
    expect(screen.queryByTestId('preview-files')).not.toBeInTheDocument();
    const errors = screen.getByTestId('preview-errors');
    expect(
      within(errors).getByText('backup.physical.bucket'),
    ).toBeInTheDocument();
    expect(errors).toHaveTextContent(
      'backup.physical.bucket: is required for s3 backups',
    );
    expect(validate(broken)).toEqual([
      'backup.physical.bucket: is required for s3 backups',
      expect.stringMatching(
        /^backup\.physical\.credentialsSecret: is required/,
      ),
    ]);
    expect(validate(answers())).toEqual([]);
  });

  it('ignores answers to fields the form hid (an s3 region after choosing gcs) and says so', async () => {
    const stale = answers({
      backup: {
        physical: {
          enabled: true,
          store: 'gcs',
          bucket: 'acme-pg-backups',
          credentialsSecret: 'orders-gcs',
          region: 'eu-central-1',
        },
        pitr: true,
      },
    });
    await render(stale);
    expect(screen.getByTestId('preview-dropped')).toHaveTextContent(
      'backup.physical.region',
    );
    expect(screen.getByTestId('preview-files')).toBeInTheDocument();
    expect(validate(stale)).toEqual([]);
  });

  it('names the field a renderer refuses: PostgreSQL 18 on the compose tab', async () => {
    await render(answers({ postgresql: { version: 18 } }));
    await userEvent.click(screen.getByRole('tab', { name: 'compose' }));
    const errors = screen.getByTestId('preview-errors');
    expect(within(errors).getByText('postgresql.version')).toBeInTheDocument();
  });
});
