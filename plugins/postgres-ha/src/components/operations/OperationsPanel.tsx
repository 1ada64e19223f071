import { CompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { useState } from 'react';
import { OperationPermissions } from '../../hooks/useOperationPermissions';
import { BackupDialog } from './BackupDialog';
import { RestoreDialog } from './RestoreDialog';
import { ScaleDialog } from './ScaleDialog';
import { SwitchoverDialog } from './SwitchoverDialog';

type Operation = keyof OperationPermissions;

const LABELS: Record<Operation, string> = {
  switchover: 'Switch over…',
  scale: 'Scale…',
  backup: 'Back up now…',
  restore: 'Restore to a time…',
};

/** Buttons only for what the user may do; each opens its confirmation dialog. */
export function OperationsPanel(props: {
  entity: CompoundEntityRef;
  status: ClusterStatus;
  permissions: OperationPermissions;
  /** Called when a dialog closes, to re-read the status. */
  onChanged?: () => void;
}) {
  const { entity, status, permissions, onChanged } = props;
  const [open, setOpen] = useState<Operation | undefined>();
  const close = () => {
    setOpen(undefined);
    onChanged?.();
  };
  const operations = (Object.keys(LABELS) as Operation[]).filter(
    op => permissions[op].allowed || permissions[op].loading,
  );
  // The backend refuses to scale a cluster it reaches through Patroni only: say so up front.
  const scaleElsewhere =
    status.cluster.source === 'patroni'
      ? 'Scale in the cluster’s own deployment (Compose, VMs): it is reached through Patroni directly.'
      : undefined;

  return (
    <InfoCard title="Operations">
      {operations.length === 0 ? (
        <Typography variant="body2">
          You are not permitted to run operations on this cluster.
        </Typography>
      ) : (
        <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
          {operations.map(op => (
            <Button
              key={op}
              variant="outlined"
              color="primary"
              disabled={
                permissions[op].loading || (op === 'scale' && !!scaleElsewhere)
              }
              onClick={() => setOpen(op)}
            >
              {LABELS[op]}
            </Button>
          ))}
          {operations.includes('scale') && scaleElsewhere && (
            <Typography variant="caption" color="textSecondary">
              {scaleElsewhere}
            </Typography>
          )}
        </Box>
      )}
      {open === 'switchover' && (
        <SwitchoverDialog
          entity={entity}
          members={status.members}
          open
          onClose={close}
        />
      )}
      {open === 'scale' && (
        <ScaleDialog
          entity={entity}
          current={status.cluster.desiredInstances ?? status.members.length}
          open
          onClose={close}
        />
      )}
      {open === 'backup' && (
        <BackupDialog entity={entity} open onClose={close} />
      )}
      {open === 'restore' && (
        <RestoreDialog
          entity={entity}
          window={status.backups.recoveryWindow}
          open
          onClose={close}
        />
      )}
    </InfoCard>
  );
}
