import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { readCron } from './cron';
import { FieldTextBox } from './FieldTextBox';

/** Text input for a 5-field cron schedule that reads it back in words with the next runs. */
export function CronScheduleField(props: FieldExtensionComponentProps<string>) {
  const value = props.formData ?? '';
  const reading = useMemo(() => readCron(value, new Date()), [value]);
  return (
    <>
      <FieldTextBox
        field={props}
        fallbackLabel="Schedule"
        problem={reading.ok ? undefined : reading.problem}
        help={reading.ok ? reading.words : ''}
        toValue={text => text}
      />
      {reading.ok && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="cron-next-runs"
        >
          Next runs:{' '}
          {reading.nextRuns
            .map(d => d.toISOString().replace('.000Z', 'Z'))
            .join(', ')}
        </Typography>
      )}
    </>
  );
}

/** Refuses the page while the schedule is not one the settings model accepts. */
export const cronScheduleValidation: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  const reading = readCron(value ?? '', new Date());
  if (!reading.ok) validation.addError(reading.problem);
};
