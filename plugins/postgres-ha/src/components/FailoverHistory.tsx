import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { FailoverEvent } from '@pgha/plugin-postgres-ha-common';
import { formatTime } from './format';
import { SimpleTable } from './SimpleTable';

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
        <SimpleTable
          label="Failover history"
          columns={['Timeline', 'Time', 'New leader', 'Reason', 'Ended at LSN']}
          rows={history.map(e => ({
            key: String(e.timeline),
            cells: [
              e.timeline,
              formatTime(e.time),
              e.newLeader ?? '—',
              e.reason,
              e.lsn ?? '—',
            ],
          }))}
        />
      )}
    </InfoCard>
  );
}
