import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { FailoverEvent } from '@pgha/plugin-postgres-ha-common';
import { formatDuration, formatTime, timeZoneLabel } from './format';
import { SimpleTable, TableColumn, visibleColumns } from './SimpleTable';

/** PostgreSQL's end-of-recovery text: the same for every promotion, so not worth a column. */
const DEFAULT_REASON = 'no recovery target specified';

function recovery(seconds?: number): string {
  if (seconds === undefined) return '—';
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds);
}

function leaderChange(e: FailoverEvent): string {
  if (!e.newLeader) return '—';
  return e.oldLeader ? `${e.oldLeader} → ${e.newLeader}` : e.newLeader;
}

const COLUMNS: TableColumn<FailoverEvent>[] = [
  { title: 'Timeline', cell: e => e.timeline },
  { title: `Time (${timeZoneLabel()})`, cell: e => formatTime(e.time) },
  {
    title: 'Change',
    cell: e => (
      <span
        title={
          e.type
            ? undefined
            : 'The backend did not see this change happen (it was not running or nobody watched)'
        }
      >
        {e.type ?? 'not observed'}
        {e.reason !== DEFAULT_REASON ? ` (${e.reason})` : ''}
        <br />
        {leaderChange(e)}
      </span>
    ),
  },
  {
    title: 'Recovered in',
    cell: e => recovery(e.recoverySeconds),
    optional: e => e.recoverySeconds,
  },
  { title: 'By', cell: e => e.initiator ?? '—', optional: e => e.initiator },
  { title: 'Ended at LSN', cell: e => e.lsn ?? '—' },
];

/** Timeline switches, newest first (sorted here too: the order is the point). */
export function FailoverHistory(props: { history: FailoverEvent[] }) {
  const history = [...props.history].sort((a, b) => b.timeline - a.timeline);
  const columns = visibleColumns(COLUMNS, history);
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
          columns={columns.map(c => c.title)}
          rows={history.map(e => ({
            key: String(e.timeline),
            cells: columns.map(c => c.cell(e)),
          }))}
        />
      )}
    </InfoCard>
  );
}
