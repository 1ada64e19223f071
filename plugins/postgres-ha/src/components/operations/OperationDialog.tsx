import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { errorMessage } from '../../api/errorMessage';

/** What an operation reports back: shown in the dialog as it is. */
export interface OperationOutcome {
  ok: boolean;
  message: string;
}

type Phase =
  | { kind: 'confirm' }
  | { kind: 'running' }
  | ({ kind: 'done' } & OperationOutcome);

export interface OperationDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words, before the user confirms. */
  description: ReactNode;
  confirmLabel: string;
  /** False while the inputs are incomplete or invalid. */
  canConfirm?: boolean;
  run: () => Promise<OperationOutcome>;
  onClose: () => void;
  children?: ReactNode;
}

/** Confirm → progress → result, for every guarded operation. */
export function OperationDialog(props: OperationDialogProps) {
  const {
    open,
    title,
    description,
    confirmLabel,
    canConfirm = true,
    run,
    onClose,
    children,
  } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });

  const close = () => {
    if (phase.kind === 'running') return;
    setPhase({ kind: 'confirm' });
    onClose();
  };
  const confirm = async () => {
    setPhase({ kind: 'running' });
    try {
      setPhase({ kind: 'done', ...(await run()) });
    } catch (error) {
      setPhase({
        kind: 'done',
        ok: false,
        message: errorMessage(error),
      });
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="pgha-operation-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="pgha-operation-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{description}</DialogContentText>
        {phase.kind !== 'done' && children}
        {phase.kind === 'running' && (
          <Box mt={2}>
            <LinearProgress aria-label="Operation in progress" />
          </Box>
        )}
        {phase.kind === 'done' && (
          <Box mt={2} role="status">
            <Typography color={phase.ok ? 'primary' : 'error'}>
              {phase.ok ? 'Done: ' : 'Failed: '}
              {phase.message}
            </Typography>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={phase.kind === 'running'}>
          {phase.kind === 'done' ? 'Close' : 'Cancel'}
        </Button>
        {phase.kind !== 'done' && (
          <Button
            color="primary"
            variant="contained"
            onClick={confirm}
            disabled={!canConfirm || phase.kind === 'running'}
          >
            {confirmLabel}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
