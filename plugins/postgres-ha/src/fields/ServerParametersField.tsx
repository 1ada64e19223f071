import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ALLOWED_PARAMETERS } from '@pgha/plugin-postgres-ha-common';

type Parameters = Record<string, string>;

/** The parts of a parameter rule the picker shows (type, unit, range, values). */
interface ShownRule {
  kind?: string;
  vartype?: string;
  unit?: string;
  min?: number;
  max?: number;
  values?: readonly string[];
  enumvals?: readonly string[];
}

const NAMES = Object.keys(ALLOWED_PARAMETERS).sort();

/** `memory`, `integer 1–262143 (8kB)`, `one of none, ddl, mod, all`. */
export function describeParameter(name: string): string {
  const rule = ALLOWED_PARAMETERS[name] as ShownRule | undefined;
  if (!rule) return 'not allowed';
  const values = rule.values ?? rule.enumvals;
  if (values) return `one of ${values.join(', ')}`;
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` ${rule.min}–${rule.max}`
      : '';
  const unit = rule.unit ? ` (${rule.unit})` : '';
  return `${rule.vartype ?? rule.kind ?? 'value'}${range}${unit}`;
}

/** The entries with the one at `index` replaced (or removed), keeping the order. */
function replaced(
  entries: [string, string][],
  index: number,
  entry?: [string, string],
): Parameters {
  const next = entries.slice();
  if (entry) next.splice(index, 1, entry);
  else next.splice(index, 1);
  return Object.fromEntries(next);
}

/**
 * postgresql.conf settings picked from the names the settings model allows, each with its
 * type, range and unit; the model's error for a value is shown under it.
 */
export function ServerParametersField(
  props: FieldExtensionComponentProps<Parameters>,
) {
  const entries = Object.entries(props.formData ?? {});
  const errors = (props.errorSchema ?? {}) as Record<
    string,
    { __errors?: string[] } | undefined
  >;
  const unused = NAMES.filter(n => !(n in (props.formData ?? {})));
  const change = (value: Parameters) => props.onChange(value);
  const id = props.idSchema?.$id ?? 'parameters';
  return (
    <div>
      <Typography variant="subtitle1">
        {props.schema.title ?? 'Server parameters'}
      </Typography>
      {entries.map(([name, value], i) => {
        const problem = errors[name]?.__errors?.join('; ');
        return (
          <div key={name} style={{ display: 'flex', gap: 16 }}>
            <TextField
              select
              id={`${id}-${i}-name`}
              label="Parameter"
              value={name}
              style={{ minWidth: 280 }}
              SelectProps={{
                SelectDisplayProps: { 'aria-label': `Parameter ${i + 1}` },
              }}
              onChange={e =>
                change(replaced(entries, i, [e.target.value, value]))
              }
              margin="dense"
            >
              {[name, ...unused].map(n => (
                <MenuItem key={n} value={n}>
                  {n}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id={`${id}-${i}-value`}
              label={`Value of ${name}`}
              value={value}
              error={!!problem}
              helperText={problem ?? describeParameter(name)}
              onChange={e =>
                change(replaced(entries, i, [name, e.target.value]))
              }
              margin="dense"
              style={{ flex: 1 }}
            />
            <IconButton
              aria-label={`Remove ${name}`}
              onClick={() => change(replaced(entries, i))}
            >
              <DeleteIcon />
            </IconButton>
          </div>
        );
      })}
      <Button
        size="small"
        disabled={unused.length === 0}
        onClick={() => change({ ...props.formData, [unused[0]]: '' })}
      >
        Add a parameter
      </Button>
    </div>
  );
}
