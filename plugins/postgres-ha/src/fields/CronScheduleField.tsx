import { useMemo } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { readCron } from './cron';

/** Text input for a 5-field cron schedule that reads it back in words with the next runs. */
export function CronScheduleField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    idSchema,
    disabled,
  } = props;
  const value = formData ?? '';
  const reading = useMemo(() => readCron(value, new Date()), [value]);
  return (
    <>
      <TextField
        id={idSchema?.$id}
        label={schema.title ?? 'Schedule'}
        value={value}
        required={required}
        disabled={disabled}
        onChange={e => onChange(e.target.value)}
        error={!reading.ok || (rawErrors?.length ?? 0) > 0}
        helperText={reading.ok ? reading.words : reading.problem}
        margin="normal"
        fullWidth
        inputProps={{
          'aria-label': schema.title ?? 'Schedule',
          spellCheck: false,
        }}
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
