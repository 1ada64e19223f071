import { InfoCard, StatusWarning } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterMember } from '@pgha/plugin-postgres-ha-common';
import { formatBytes, LAG_WARNING_BYTES } from './format';
import { RoleBadge } from './RoleBadge';
import { SimpleTable } from './SimpleTable';

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

const COLUMNS = [
  'Member',
  'Role',
  'State',
  'Timeline',
  'Lag',
  'Host / pod',
  'Node',
  'Restarts',
];

/** One row per Patroni member, leader first. */
export function MembersTable(props: { members: ClusterMember[] }) {
  const members = [...props.members].sort(
    (a, b) =>
      Number(b.role === 'leader') - Number(a.role === 'leader') ||
      a.name.localeCompare(b.name),
  );
  return (
    <InfoCard title="Members" noPadding>
      {members.length === 0 ? (
        <Typography variant="body2" style={{ padding: 16 }}>
          No members reported.
        </Typography>
      ) : (
        <SimpleTable
          label="Cluster members"
          columns={COLUMNS}
          rows={members.map(m => ({
            key: m.name,
            testId: `member-${m.name}`,
            cells: [
              m.name,
              <RoleBadge role={m.role} />,
              `${m.state}${m.pendingRestart ? ' (pending restart)' : ''}`,
              m.timeline ?? '—',
              <Lag bytes={m.lagBytes} />,
              [m.host, m.pod].filter(Boolean).join(' / ') || '—',
              m.node ?? '—',
              m.restarts ?? '—',
            ],
          }))}
        />
      )}
    </InfoCard>
  );
}
