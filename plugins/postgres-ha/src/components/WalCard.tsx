import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { WalStatus } from '@pgha/plugin-postgres-ha-common';
import { formatBytes, formatTime, timeZoneLabel } from './format';
import { SimpleTable } from './SimpleTable';

function Archiving(props: { archiving: NonNullable<WalStatus['archiving']> }) {
  const a = props.archiving;
  return (
    <Box mb={2} data-testid="wal-archiving">
      {a.failing ? (
        <StatusError>Archiving fails</StatusError>
      ) : (
        <StatusOK>Archiving works</StatusOK>
      )}
      <Typography variant="body2">
        Last archived {a.lastArchivedWal ?? '—'} at{' '}
        {formatTime(a.lastArchivedAt)} ({a.archivedCount.toLocaleString()}{' '}
        archived)
      </Typography>
      {a.failedCount > 0 && (
        <Typography variant="body2">
          Last failed {a.lastFailedWal ?? '—'} at {formatTime(a.lastFailedAt)} (
          {a.failedCount.toLocaleString()} failures)
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        Times in {timeZoneLabel()}
      </Typography>
    </Box>
  );
}

function SlotState(props: { walStatus?: string; active: boolean }) {
  const text = `${props.active ? 'active' : 'inactive'}${
    props.walStatus ? `, ${props.walStatus}` : ''
  }`;
  if (props.walStatus === 'lost') return <StatusError>{text}</StatusError>;
  if (!props.active || props.walStatus === 'unreserved')
    return <StatusWarning>{text}</StatusWarning>;
  return <>{text}</>;
}

/**
 * WAL archiving and replication slots as the leader's PostgreSQL reports them;
 * only where the backend has SQL access to the cluster.
 */
export function WalCard(props: { wal?: WalStatus }) {
  const { wal } = props;
  if (!wal) {
    return (
      <InfoCard title="WAL archiving and slots">
        <Typography variant="body2">
          Not read: the backend has no SQL access to this cluster (
          <code>postgresHa.patroni.clusters[].sql</code>).
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="WAL archiving and slots">
      {wal.error && (
        <Box mb={2}>
          <WarningPanel
            title="WAL status could not be read"
            message={wal.error}
          />
        </Box>
      )}
      {wal.archiving && <Archiving archiving={wal.archiving} />}
      {wal.databaseSizeBytes !== undefined && (
        <Typography variant="body2" gutterBottom>
          Databases: {formatBytes(wal.databaseSizeBytes)}
        </Typography>
      )}
      {!wal.error &&
        (wal.slots.length === 0 ? (
          <Typography variant="body2">No replication slots.</Typography>
        ) : (
          <SimpleTable
            label="Replication slots"
            columns={['Slot', 'Type', 'State', 'Restart LSN', 'Safe WAL size']}
            rows={wal.slots.map(s => ({
              key: s.name,
              cells: [
                s.name,
                s.plugin ? `${s.type} (${s.plugin})` : s.type,
                <SlotState walStatus={s.walStatus} active={s.active} />,
                s.restartLsn ?? '—',
                s.safeWalSizeBytes === null || s.safeWalSizeBytes === undefined
                  ? 'unlimited'
                  : formatBytes(s.safeWalSizeBytes),
              ],
            }))}
          />
        ))}
    </InfoCard>
  );
}
