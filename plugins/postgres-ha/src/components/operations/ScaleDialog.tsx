import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { postgresHaApiRef } from '../../api/PostgresHaClient';
import { OperationDialog } from './OperationDialog';
import { toOutcome } from './outcome';

/** The backend's default bounds (postgresHa.scale); the backend enforces its configured ones. */
const MIN_INSTANCES = 1;
const MAX_INSTANCES = 7;

/** Changes numberOfInstances; the operator adds or removes replicas. */
export function ScaleDialog(props: {
  entity: CompoundEntityRef;
  current: number;
  open: boolean;
  onClose: () => void;
}) {
  const { entity, current, open, onClose } = props;
  const api = useApi(postgresHaApiRef);
  const [instances, setInstances] = useState(current);
  const valid =
    Number.isInteger(instances) &&
    instances >= MIN_INSTANCES &&
    instances <= MAX_INSTANCES;

  return (
    <OperationDialog
      open={open}
      onClose={onClose}
      title="Scale"
      confirmLabel="Scale"
      canConfirm={valid && instances !== current}
      description={
        instances < current
          ? `The cluster goes from ${current} to ${instances} instances: replicas are removed (never the leader).`
          : `The cluster goes from ${current} to ${instances} instances: new replicas are created from the leader or a backup.`
      }
      run={async () => toOutcome(await api.scale(entity, instances))}
    >
      <TextField
        type="number"
        margin="normal"
        label="Instances"
        value={Number.isNaN(instances) ? '' : instances}
        onChange={e => setInstances(Number.parseInt(e.target.value, 10))}
        inputProps={{
          min: MIN_INSTANCES,
          max: MAX_INSTANCES,
          'aria-label': 'Instances',
        }}
        error={!valid}
        helperText={
          valid
            ? undefined
            : `Instances must be a whole number from ${MIN_INSTANCES} to ${MAX_INSTANCES}.`
        }
      />
    </OperationDialog>
  );
}
