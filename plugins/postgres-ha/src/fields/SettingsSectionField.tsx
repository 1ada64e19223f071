import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { useEffect, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { clusterNameValidation } from './ClusterNameField';
import { PreviewPanel } from './PreviewPanel';
import { proposalFor } from './proposals';
import { formErrors, pathSegments, sectionOf } from './formErrors';

type FieldValidation = Parameters<CustomFieldValidator<unknown>>[1];
type Context = Parameters<CustomFieldValidator<unknown>>[2];

const useStyles = makeStyles(theme => ({
  // Form and preview side by side on wide screens, the preview below on narrow ones.
  split: {
    display: 'grid',
    gap: theme.spacing(3),
    gridTemplateColumns: 'minmax(0, 1fr)',
    [theme.breakpoints.up('lg')]: {
      gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    },
  },
  preview: {
    [theme.breakpoints.up('lg')]: {
      position: 'sticky',
      top: 0,
      alignSelf: 'start',
      maxHeight: '85vh',
      overflowY: 'auto',
    },
  },
}));

/** What was proposed already (section and cluster name): a removed proposal stays removed. */
const proposed = new Set<string>();

/** The form's answers, and the section's key among them (the field is handed its value). */
function useSection(props: FieldExtensionComponentProps<unknown>) {
  const formData = (props.formContext?.formData ?? {}) as Record<
    string,
    unknown
  >;
  const section = props.name ?? props.idSchema?.$id?.replace(/^root_/, '');
  return { formData, section };
}

/**
 * One section of the settings model (`topology`, `backup`, …) drawn by the form's own object
 * or array field. It exists for its validator: the scaffolder validates only fields with a
 * `ui:field`, and a section's validator can put each error under the field it belongs to.
 * With `ui:options.preview` the generated files are shown beside it, updated as you type.
 */
export function SettingsSectionField(
  props: FieldExtensionComponentProps<unknown>,
) {
  const classes = useStyles();
  const { ObjectField, ArrayField } = props.registry.fields;
  const { 'ui:field': _own, ...uiSchema } = props.uiSchema ?? {};
  const Field = props.schema.type === 'array' ? ArrayField : ObjectField;
  const { formData, section } = useSection(props);
  const { onChange } = props;
  const [note, setNote] = useState<string>();
  useEffect(() => {
    const proposal = section && proposalFor(section, props.formData, formData);
    const key = `${section}:${JSON.stringify(proposal)}`;
    if (proposal && !proposed.has(key)) {
      proposed.add(key);
      setNote(proposal.note);
      onChange(proposal.value);
    }
    // Only when the page opens: later edits are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const field = (
    <>
      {note && (
        <Typography variant="body2" color="primary" data-testid="proposal">
          {note}
        </Typography>
      )}
      <Field {...props} uiSchema={uiSchema} />
    </>
  );
  if (!uiSchema['ui:options']?.preview) return field;
  return (
    <div className={classes.split}>
      <div>{field}</div>
      <aside className={classes.preview} aria-label="Preview">
        <PreviewPanel formData={formData} title="Preview" />
      </aside>
    </div>
  );
}

function childValidation(): FieldValidation {
  const errors: string[] = [];
  return {
    __errors: errors,
    addError: (message: string) => errors.push(message),
  } as unknown as FieldValidation;
}

/** The validation object of the field at `segments` below `root`, created as needed. */
function validationAt(root: FieldValidation, segments: string[]) {
  let node = root as unknown as Record<string, unknown>;
  for (const segment of segments) {
    node[segment] ??= childValidation();
    node = node[segment] as Record<string, unknown>;
  }
  return node as unknown as FieldValidation;
}

/** Checks of single fields inside a section that need more than the model (the catalog). */
const FIELD_CHECKS: Record<string, CustomFieldValidator<any>> = {
  ClusterNameField: clusterNameValidation,
};

async function runFieldChecks(
  value: unknown,
  validation: FieldValidation,
  context: Context,
) {
  const ui = (context.uiSchema ?? {}) as Record<string, any>;
  if (!value || typeof value !== 'object') return;
  for (const [key, fieldUi] of Object.entries(ui)) {
    const check = FIELD_CHECKS[fieldUi?.['ui:field']];
    const fieldValue = (value as Record<string, unknown>)[key];
    if (check && fieldValue !== undefined) {
      const own = childValidation();
      await check(fieldValue, own, context);
      for (const message of own.__errors ?? [])
        validationAt(validation, [key]).addError(message);
    }
  }
}

const count = (node: unknown): number =>
  node && typeof node === 'object'
    ? Object.entries(node).reduce(
        (n, [key, child]) =>
          n + (key === '__errors' ? (child as string[]).length : count(child)),
        0,
      )
    : 0;

/**
 * Checks the whole form with the settings model and keeps the errors of this section, each
 * under its field; Next stays blocked while any is left.
 */
export const settingsSectionValidation: CustomFieldValidator<unknown> = async (
  value,
  validation,
  context,
) => {
  const formData = (context.formData ?? {}) as Record<string, unknown>;
  // The scaffolder hands a section's validator the section itself, not its key.
  const section = Object.keys(formData).find(key => formData[key] === value);
  if (!section) return;
  for (const error of formErrors(formData)) {
    if (sectionOf(error.path) === section)
      validationAt(validation, pathSegments(error.path).slice(1)).addError(
        error.message,
      );
  }
  await runFieldChecks(value, validation, context);
  const n = count(validation);
  if (n > 0)
    validation.addError(
      `${
        n === 1 ? 'One answer' : `${n} answers`
      } in this section must change before you go on (marked in red).`,
    );
};
