import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/** The text box the suite's string fields share: label, required/disabled, error and help line. */
export function FieldTextBox(props: {
  field: FieldExtensionComponentProps<string>;
  fallbackLabel: string;
  /** What is wrong with the current value, shown instead of `help`. */
  problem?: string;
  help: string;
  /** Turns typed text into the form value. */
  toValue: (text: string) => string | undefined;
}) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    idSchema,
    disabled,
  } = props.field;
  const label = schema.title ?? props.fallbackLabel;
  return (
    <TextField
      id={idSchema?.$id}
      label={label}
      value={formData ?? ''}
      required={required}
      disabled={disabled}
      onChange={e => onChange(props.toValue(e.target.value))}
      error={!!props.problem || (rawErrors?.length ?? 0) > 0}
      helperText={props.problem ?? props.help}
      margin="normal"
      fullWidth
      inputProps={{ 'aria-label': label, spellCheck: false }}
    />
  );
}
