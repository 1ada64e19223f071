import {
  InfoCard,
  StatusError,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterMember, isLeaderRole } from '@pgha/plugin-postgres-ha-common';
import { formatBytes, LAG_WARNING_BYTES } from './format';
import { RoleBadge } from './RoleBadge';
import { SimpleTable, TableColumn, visibleColumns } from './SimpleTable';

function Lag(props: { bytes: number | null }) {
  const { bytes } = props;
  if (bytes === null) return <>unknown</>;
  const text = `${bytes.toLocaleString()} B${
    bytes >= 1024 ? ` (${formatBytes(bytes)})` : ''
  }`;
  return bytes > LAG_WARNING_BYTES ? (
    <StatusWarning>{text}</StatusWarning>
  ) : (
    <>{text}</>
  );
}

/** A silent member in the error colour, with what the DCS still claims about it. */
function State(props: { member: ClusterMember }) {
  const { state, dcsState, pendingRestart } = props.member;
  const text = `${state}${pendingRestart ? ' (pending restart)' : ''}`;
  if (state !== 'unreachable') return <>{text}</>;
  return (
    <>
      <StatusError>{text}</StatusError>
      {dcsState && (
        <Typography variant="caption" color="textSecondary" component="div">
          DCS: {dcsState}
        </Typography>
      )}
    </>
  );
}

const COLUMNS: TableColumn<ClusterMember>[] = [
  { title: 'Member', cell: m => m.name },
  { title: 'Role', cell: m => <RoleBadge role={m.role} /> },
  { title: 'State', cell: m => <State member={m} /> },
  { title: 'Timeline', cell: m => m.timeline ?? '—' },
  { title: 'Lag', cell: m => <Lag bytes={m.lagBytes} /> },
  {
    title: 'Sync',
    cell: m =>
      m.syncState
        ? `${m.syncState}${
            m.syncPriority ? ` (priority ${m.syncPriority})` : ''
          }`
        : '—',
    // Only telling where some standby is not plain async.
    optional: m =>
      m.syncState && m.syncState !== 'async' ? m.syncState : undefined,
  },
  {
    title: 'Host / pod',
    cell: m => [m.host, m.pod].filter(Boolean).join(' / ') || '—',
  },
  { title: 'Node', cell: m => m.node ?? '—', optional: m => m.node },
  {
    title: 'Restarts',
    cell: m => m.restarts ?? '—',
    optional: m => m.restarts,
  },
];

/** One row per Patroni member, leader first. */
export function MembersTable(props: { members: ClusterMember[] }) {
  const members = [...props.members].sort(
    (a, b) =>
      Number(isLeaderRole(b.role)) - Number(isLeaderRole(a.role)) ||
      a.name.localeCompare(b.name),
  );
  const columns = visibleColumns(COLUMNS, members);
  return (
    <InfoCard title="Members" noPadding>
      {members.length === 0 ? (
        <Typography variant="body2" style={{ padding: 16 }}>
          No members reported.
        </Typography>
      ) : (
        <SimpleTable
          label="Cluster members"
          columns={columns.map(c => c.title)}
          rows={members.map(m => ({
            key: m.name,
            testId: `member-${m.name}`,
            cells: columns.map(c => c.cell(m)),
          }))}
        />
      )}
    </InfoCard>
  );
}
