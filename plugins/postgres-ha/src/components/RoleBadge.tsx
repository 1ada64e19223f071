import Chip from '@material-ui/core/Chip';
import { isLeaderRole, MemberRole } from '@pgha/plugin-postgres-ha-common';

const LABELS: Record<MemberRole, string> = {
  leader: 'leader',
  standby_leader: 'standby leader',
  sync_standby: 'sync standby',
  replica: 'replica',
  unknown: 'unknown',
};

/** Leader roles filled, standbys outlined, so the primary stands out in both themes. */
export function RoleBadge(props: { role: MemberRole }) {
  const { role } = props;
  const leading = isLeaderRole(role);
  let color: 'primary' | 'secondary' | 'default' = 'default';
  if (leading) color = 'primary';
  else if (role === 'sync_standby') color = 'secondary';
  return (
    <Chip
      size="small"
      label={LABELS[role]}
      color={color}
      variant={leading ? 'default' : 'outlined'}
      data-testid={`role-${role}`}
    />
  );
}
