import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import {
  ServerParametersField,
  describeParameter,
} from './ServerParametersField';
import { fieldProps } from './__testUtils__/fieldProps';

describe('ServerParametersField', () => {
  it('describes a parameter from the model’s table and refuses names it does not hold', () => {
    expect(describeParameter('log_statement')).toContain('none');
    expect(describeParameter('wal_level')).toBe('not allowed');
  });

  it('adds a parameter the model allows, with an empty value to fill in', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <ServerParametersField
        {...fieldProps<Record<string, string>>({
          title: 'Server parameters',
          id: 'root_postgresql_parameters',
          formData: { work_mem: '64MB' },
          onChange,
        })}
      />,
    );
    expect(screen.getByLabelText('Value of work_mem')).toHaveValue('64MB');
    await userEvent.click(screen.getByText('Add a parameter'));
    const [added] = onChange.mock.calls[0];
    expect(added.work_mem).toBe('64MB');
    const [name] = Object.keys(added).filter(n => n !== 'work_mem');
    expect(describeParameter(name)).not.toBe('not allowed');
  });
});
