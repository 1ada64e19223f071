import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiRegistry, renderInTestApp } from '@backstage/test-utils';
import { ClusterNameField, clusterNameValidation } from './ClusterNameField';
import {
  fieldProps,
  recordingValidation,
  validatorContext,
} from './__testUtils__/fieldProps';

/** An in-memory catalog that already holds a Resource named orders-db. */
const catalog = () =>
  TestApiRegistry.from([
    catalogApiRef,
    catalogApiMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'orders-db', namespace: 'default' },
          spec: { type: 'database', owner: 'group:default/dba' },
        },
      ],
    }),
  ]);

async function validate(name: string) {
  const { validation, errors } = recordingValidation();
  await clusterNameValidation(
    name,
    validation,
    validatorContext<string>(catalog()),
  );
  return errors;
}

describe('ClusterNameField', () => {
  it("shows the settings model's DNS-1123 message under a name with capitals and marks it invalid", async () => {
    await renderInTestApp(
      <ClusterNameField
        {...fieldProps({ title: 'Name', id: 'name', formData: 'Orders_DB' })}
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Name' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText(/cluster name must be a DNS-1123 label/),
    ).toBeInTheDocument();
  });

  it('hands typed names to the form, trimmed, and an empty box as no value', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <ClusterNameField
        {...fieldProps<string>({ title: 'Name', id: 'name', onChange })}
      />,
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), ' a');
    expect(onChange).toHaveBeenLastCalledWith('a');
    expect(onChange).toHaveBeenCalledWith(undefined);
  });

  it('refuses a name an entity in the catalog already has, naming that entity', async () => {
    expect(await validate('orders-db')).toEqual([
      'resource:default/orders-db already has this name in the catalog; choose another',
    ]);
  });

  it('refuses a name that is not a DNS label or is too long before asking the catalog', async () => {
    expect(await validate('-orders')).toEqual([
      expect.stringMatching(/cluster name must be a DNS-1123 label/),
    ]);
    expect(await validate(`a${'b'.repeat(58)}`)).toEqual([
      'cluster name must be at most 58 characters',
    ]);
  });

  it('accepts a free, valid name', async () => {
    expect(await validate('billing-db')).toEqual([]);
  });
});
