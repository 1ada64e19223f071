import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { BackupStatus } from '@pgha/plugin-postgres-ha-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { postgresHaApiRef } from '../../api/PostgresHaClient';
import { formatTime } from '../format';
import { OperationDialog } from './OperationDialog';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as the value of a datetime-local input (the viewer's local time). */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Where the scaffolder shows a template, prefilled through `formData`. */
export function restoreTemplatePath(
  templateRef: string,
  values: Record<string, unknown>,
): string {
  const ref = parseEntityRef(templateRef, {
    defaultKind: 'template',
    defaultNamespace: 'default',
  });
  const path = `/create/templates/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(ref.name)}`;
  return `${path}?formData=${encodeURIComponent(JSON.stringify(values))}`;
}

/**
 * Restoring creates a new cluster (a clone) through the restore template, so
 * confirming asks the backend for the prefilled values and opens the template.
 */
export function RestoreDialog(props: {
  entity: CompoundEntityRef;
  window: BackupStatus['recoveryWindow'];
  open: boolean;
  onClose: () => void;
}) {
  const { entity, window, open, onClose } = props;
  const api = useApi(postgresHaApiRef);
  const navigate = useNavigate();
  const [local, setLocal] = useState(window ? toLocalInput(window.latest) : '');
  const time = new Date(local);
  const inWindow =
    !!window &&
    !Number.isNaN(time.getTime()) &&
    time >= new Date(window.earliest) &&
    time <= new Date(window.latest);

  return (
    <OperationDialog
      open={open}
      onClose={onClose}
      title="Restore to a point in time"
      confirmLabel="Open restore template"
      canConfirm={inWindow}
      description="A new cluster is created from the backups as they were at the chosen time; this cluster is not changed. The restore template opens prefilled so you can review it before anything is created."
      run={async () => {
        const plan = await api.restore(entity, time.toISOString());
        navigate(restoreTemplatePath(plan.templateRef, plan.values));
        return { ok: true, message: 'Opening the restore template.' };
      }}
    >
      <TextField
        type="datetime-local"
        margin="normal"
        fullWidth
        label="Restore to"
        value={local}
        onChange={e => setLocal(e.target.value)}
        InputLabelProps={{ shrink: true }}
        inputProps={{ step: 1, 'aria-label': 'Restore to' }}
        error={!inWindow}
        helperText={
          window
            ? `Recoverable from ${formatTime(window.earliest)} to ${formatTime(
                window.latest,
              )}.`
            : 'No recoverable window: there is no base backup with archived WAL yet.'
        }
      />
    </OperationDialog>
  );
}
