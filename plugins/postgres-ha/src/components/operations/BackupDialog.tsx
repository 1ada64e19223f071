import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { postgresHaApiRef } from '../../api/PostgresHaClient';
import { OperationDialog } from './OperationDialog';
import { toOutcome } from './outcome';

/** Starts a backup outside the schedule. */
export function BackupDialog(props: {
  entity: CompoundEntityRef;
  open: boolean;
  onClose: () => void;
}) {
  const { entity, open, onClose } = props;
  const api = useApi(postgresHaApiRef);
  return (
    <OperationDialog
      open={open}
      onClose={onClose}
      title="Back up now"
      confirmLabel="Start backup"
      description="A backup of the cluster starts now, in addition to the schedule. It reads from the cluster while it runs; the cluster stays available."
      run={async () => toOutcome(await api.backup(entity))}
    />
  );
}
