import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ClusterMember, isLeaderRole } from '@pgha/plugin-postgres-ha-common';
import { useState } from 'react';
import { postgresHaApiRef } from '../../api/PostgresHaClient';
import { OperationDialog } from './OperationDialog';
import { toOutcome } from './outcome';

const HEALTHY_STATES = ['running', 'streaming'];

/** Hands the leader role to a healthy replica the user picks. */
export function SwitchoverDialog(props: {
  entity: CompoundEntityRef;
  members: ClusterMember[];
  open: boolean;
  onClose: () => void;
}) {
  const { entity, members, open, onClose } = props;
  const api = useApi(postgresHaApiRef);
  const leader = members.find(m => isLeaderRole(m.role));
  const candidates = members.filter(
    m => !isLeaderRole(m.role) && HEALTHY_STATES.includes(m.state),
  );
  const [candidate, setCandidate] = useState('');
  // The leader when the user confirmed: once the switch is done, the live list names the candidate.
  const [from, setFrom] = useState<string>();
  const oldLeader = from ?? leader?.name ?? 'the current leader';

  return (
    <OperationDialog
      open={open}
      onClose={() => {
        setFrom(undefined);
        setCandidate('');
        onClose();
      }}
      title="Switch over"
      confirmLabel="Switch over"
      canConfirm={candidate !== ''}
      description={
        candidate
          ? `Patroni hands the leader role from ${oldLeader} to ${candidate}. Connections to the primary drop for a few seconds and clients reconnect to ${candidate}.`
          : 'Pick the member that becomes the new leader.'
      }
      run={async () => {
        setFrom(oldLeader);
        return toOutcome(await api.switchover(entity, candidate));
      }}
    >
      <TextField
        select
        fullWidth
        margin="normal"
        label="New leader"
        value={candidate}
        onChange={e => setCandidate(e.target.value)}
        helperText={
          candidates.length === 0
            ? 'No healthy replica can take over right now.'
            : undefined
        }
        SelectProps={{
          SelectDisplayProps: { 'aria-label': 'New leader' } as object,
        }}
      >
        {candidates.map(m => (
          <MenuItem key={m.name} value={m.name}>
            {m.name} ({m.role.replace('_', ' ')})
          </MenuItem>
        ))}
      </TextField>
    </OperationDialog>
  );
}
