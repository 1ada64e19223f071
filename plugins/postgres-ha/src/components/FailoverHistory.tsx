import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { FailoverEvent } from '@pgha/plugin-postgres-ha-common';
import { formatTime } from './format';

/** Timeline switches, newest first (sorted here too: the order is the point). */
export function FailoverHistory(props: { history: FailoverEvent[] }) {
  const history = [...props.history].sort((a, b) => b.timeline - a.timeline);
  return (
    <InfoCard title="Failover history" noPadding>
      {history.length === 0 ? (
        <Typography variant="body2" style={{ padding: 16 }}>
          No failover or switchover recorded: the cluster is still on its first
          timeline.
        </Typography>
      ) : (
        <Table size="small" aria-label="Failover history">
          <TableHead>
            <TableRow>
              <TableCell>Timeline</TableCell>
              <TableCell>Time</TableCell>
              <TableCell>New leader</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Ended at LSN</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.map(e => (
              <TableRow key={e.timeline}>
                <TableCell>{e.timeline}</TableCell>
                <TableCell>{formatTime(e.time)}</TableCell>
                <TableCell>{e.newLeader ?? '—'}</TableCell>
                <TableCell>{e.reason}</TableCell>
                <TableCell>{e.lsn ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
