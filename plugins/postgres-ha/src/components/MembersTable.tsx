import { InfoCard, StatusWarning } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ClusterMember } from '@pgha/plugin-postgres-ha-common';
import { formatBytes, LAG_WARNING_BYTES } from './format';
import { RoleBadge } from './RoleBadge';

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
        <Table size="small" aria-label="Cluster members">
          <TableHead>
            <TableRow>
              {COLUMNS.map(c => (
                <TableCell key={c}>{c}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map(m => (
              <TableRow key={m.name} data-testid={`member-${m.name}`}>
                <TableCell>{m.name}</TableCell>
                <TableCell>
                  <RoleBadge role={m.role} />
                </TableCell>
                <TableCell>
                  {m.state}
                  {m.pendingRestart ? ' (pending restart)' : ''}
                </TableCell>
                <TableCell>{m.timeline ?? '—'}</TableCell>
                <TableCell>
                  <Lag bytes={m.lagBytes} />
                </TableCell>
                <TableCell>
                  {[m.host, m.pod].filter(Boolean).join(' / ') || '—'}
                </TableCell>
                <TableCell>{m.node ?? '—'}</TableCell>
                <TableCell>{m.restarts ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
