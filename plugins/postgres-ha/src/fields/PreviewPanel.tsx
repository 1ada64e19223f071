import { useMemo, useState } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { WarningPanel } from '@backstage/core-components';
import { RenderedFile, Target } from '@pgha/plugin-postgres-ha-common';
import {
  Preview,
  previewFor,
  settingsFromForm,
  targetsStartingWith,
} from './preview';

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

function download(file: RenderedFile) {
  const url = URL.createObjectURL(
    new Blob([file.content], { type: 'text/plain' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = file.path.split('/').pop() ?? 'file';
  link.click();
  URL.revokeObjectURL(url);
}

function FileActions(props: { file: RenderedFile }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <Button
        size="small"
        onClick={async () => {
          await window.navigator.clipboard?.writeText(props.file.content);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
      <Button size="small" onClick={() => download(props.file)}>
        Download
      </Button>
    </div>
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
          <AccordionDetails style={{ display: 'block' }}>
            <FileActions file={file} />
            <pre style={{ margin: 0, overflowX: 'auto', width: '100%' }}>
              {file.content}
            </pre>
          </AccordionDetails>
        </Accordion>
      ))}
    </div>
  );
}

/** Validates and renders, and how long that took (the preview runs it on every keystroke). */
function timedPreview(settings: Record<string, unknown>, target: Target) {
  const started = performance.now();
  const preview = previewFor(settings, target);
  return { preview, ms: performance.now() - started };
}

/**
 * The files each target would generate for the form's answers, or the model's errors by
 * field path: the model's validate and render functions, exactly what the actions run.
 */
export function PreviewPanel(props: {
  formData: Record<string, unknown>;
  title: string;
}) {
  const { settings, dropped } = useMemo(
    () => settingsFromForm(props.formData),
    [props.formData],
  );
  const targets = targetsStartingWith(settings.target);
  const [picked, setPicked] = useState<Target | undefined>();
  const shown = picked && targets.includes(picked) ? picked : targets[0];
  const { preview, ms } = useMemo(
    () => timedPreview(settings, shown),
    [settings, shown],
  );
  return (
    <div data-testid="preview-panel" data-render-ms={ms.toFixed(2)}>
      <Typography variant="h6">{props.title}</Typography>
      <Tabs
        value={shown}
        onChange={(_, value) => setPicked(value)}
        indicatorColor="primary"
        variant="scrollable"
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
