import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { CronScheduleField, cronScheduleValidation } from './CronScheduleField';
import {
  fieldProps,
  recordingValidation,
  validatorContext,
} from './__testUtils__/fieldProps';

const render = (formData: string) =>
  renderInTestApp(
    <CronScheduleField
      {...fieldProps({ title: 'Schedule', id: 'schedule', formData })}
    />,
  );

function validate(expression: string) {
  const { validation, errors } = recordingValidation();
  cronScheduleValidation(expression, validation, validatorContext());
  return errors;
}

describe('CronScheduleField', () => {
  it('says a daily schedule in words (UTC) and lists its next three runs at 01:00 UTC', async () => {
    await render('0 1 * * *');
    expect(screen.getByText('At 01:00 (UTC)')).toBeInTheDocument();
    const runs = screen.getByTestId('cron-next-runs').textContent ?? '';
    const times = runs.replace('Next runs: ', '').split(', ');
    expect(times).toHaveLength(3);
    for (const time of times)
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT01:00:00Z$/);
    // One day apart, in order.
    const ms = times.map(t => Date.parse(t));
    expect([ms[1] - ms[0], ms[2] - ms[1]]).toEqual([86_400_000, 86_400_000]);
  });

  it("marks a 4-field expression invalid with the model's message and shows no runs", async () => {
    await render('0 1 * *');
    expect(screen.getByRole('textbox', { name: 'Schedule' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.getByText(
        /Schedule must be a 5-field cron expression .* got 4 fields/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('cron-next-runs')).not.toBeInTheDocument();
  });

  it('refuses bad expressions on Next and accepts a valid one', () => {
    expect(validate('61 1 * * *')).toEqual([
      expect.stringMatching(/^Schedule is not a valid cron expression/),
    ]);
    expect(validate(' 0 1 * * *')).toEqual([
      expect.stringMatching(/single spaces/),
    ]);
    expect(validate('*/15 2 * * 1-5')).toEqual([]);
  });
});
