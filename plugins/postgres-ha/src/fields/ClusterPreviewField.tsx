import { useEffect, useMemo, useState } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { WarningPanel } from '@backstage/core-components';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { Target } from '@pgha/plugin-postgres-ha-common';
import { formErrors } from './formErrors';
import {
  Preview,
  previewFor,
  settingsFromForm,
  targetsStartingWith,
} from './preview';

type FormData = Record<string, unknown>;

/** The value the preview writes into the form so that its validator runs. */
const PREVIEWED = 'previewed';

function Errors(props: { preview: Extract<Preview, { ok: false }> }) {
  return (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={`Nothing can be generated for ${props.preview.target} until these fields are fixed`}
    >
      <ul data-testid="preview-errors">
        {props.preview.errors.map(e => (
          <li key={`${e.path}:${e.message}`}>
            <code>{e.path}</code>: {e.message}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}

function Files(props: { preview: Extract<Preview, { ok: true }> }) {
  return (
    <div data-testid="preview-files">
      <Typography variant="body2" color="textSecondary">
        {props.preview.files.length} files for {props.preview.target}
      </Typography>
      {props.preview.files.map(file => (
        <Accordion key={file.path} TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <code>{file.path}</code>
          </AccordionSummary>
          <AccordionDetails>
            <pre style={{ margin: 0, overflowX: 'auto', width: '100%' }}>
              {file.content}
            </pre>
          </AccordionDetails>
        </Accordion>
      ))}
    </div>
  );
}

/**
 * Review page: the files each target would generate for the current answers, or the
 * model's validation errors by field path. Uses the model's validate and render functions,
 * exactly what the scaffolder actions run.
 */
export function ClusterPreviewField(
  props: FieldExtensionComponentProps<string>,
) {
  const formData = props.formContext?.formData as FormData | undefined;
  const { formData: value, onChange } = props;
  // The scaffolder runs a field's validator only when the field has a value.
  useEffect(() => {
    if (value !== PREVIEWED) onChange(PREVIEWED);
  }, [value, onChange]);
  const { settings, dropped } = useMemo(
    () => settingsFromForm(formData ?? {}),
    [formData],
  );
  const targets = targetsStartingWith(settings.target);
  const [shown, setShown] = useState<Target>(targets[0]);
  const preview = useMemo(() => previewFor(settings, shown), [settings, shown]);
  return (
    <div>
      <Typography variant="h6">
        {props.schema.title ?? 'Generated files'}
      </Typography>
      <Tabs
        value={shown}
        onChange={(_, value) => setShown(value)}
        indicatorColor="primary"
      >
        {targets.map(t => (
          <Tab
            key={t}
            value={t}
            label={t === targets[0] ? `${t} (chosen)` : t}
          />
        ))}
      </Tabs>
      {dropped.length > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="preview-dropped"
        >
          Not used, because other answers hide them: {dropped.join(', ')}
        </Typography>
      )}
      {preview.ok ? <Files preview={preview} /> : <Errors preview={preview} />}
    </div>
  );
}

/**
 * Keeps the wizard on the preview page while the chosen target cannot be rendered: one line
 * per error, each naming the field (errors of earlier pages caused by later answers land here).
 */
export const clusterPreviewValidation: CustomFieldValidator<string> = (
  _value,
  validation,
  context,
) => {
  for (const e of formErrors((context.formData ?? {}) as FormData))
    validation.addError(`${e.path}: ${e.message}`);
};
