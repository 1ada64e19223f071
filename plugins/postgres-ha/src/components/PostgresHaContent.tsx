import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { errorMessage } from '../api/errorMessage';
import { useClusterStatus } from '../hooks/useClusterStatus';
import { useOperationPermissions } from '../hooks/useOperationPermissions';
import { BackupsCard } from './BackupsCard';
import { ClusterHeader } from './ClusterHeader';
import { FailoverHistory } from './FailoverHistory';
import { LastUpdated } from './LastUpdated';
import { MembersTable } from './MembersTable';
import { OperationsPanel } from './operations/OperationsPanel';
import { OperationsHistoryCard } from './OperationsHistoryCard';
import { SourceUnreachable } from './SourceUnreachable';
import { StatusUnavailable } from './StatusUnavailable';
import { WalCard } from './WalCard';
import { WatchDown } from './WatchDown';

/** The entity's "PostgreSQL" tab: live status, history, backups and operations. */
export function PostgresHaContent() {
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const { status, error, loading, lastUpdated, mode, refresh } =
    useClusterStatus(ref);
  const permissions = useOperationPermissions(ref);

  if (loading) return <Progress />;
  if (!status) return <StatusUnavailable error={error} />;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LastUpdated
          at={lastUpdated}
          mode={mode}
          status={status}
          error={error}
        />
      </Grid>
      {error && (
        <Grid item xs={12}>
          <WarningPanel
            title="Showing the last status received: the backend did not answer"
            message={errorMessage(error)}
          />
        </Grid>
      )}
      {status.error && (
        <Grid item xs={12}>
          <SourceUnreachable error={status.error} />
        </Grid>
      )}
      {status.watch?.state === 'down' && (
        <Grid item xs={12}>
          <WatchDown watch={status.watch} />
        </Grid>
      )}
      <Grid item xs={12} md={8}>
        <ClusterHeader status={status} />
      </Grid>
      <Grid item xs={12} md={4}>
        <OperationsPanel
          entity={ref}
          status={status}
          permissions={permissions}
          onChanged={refresh}
        />
      </Grid>
      <Grid item xs={12}>
        <MembersTable members={status.members} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FailoverHistory history={status.history} />
      </Grid>
      <Grid item xs={12} md={6}>
        <BackupsCard backups={status.backups} />
      </Grid>
      <Grid item xs={12}>
        <OperationsHistoryCard entity={ref} />
      </Grid>
      {status.cluster.source === 'patroni' && (
        <Grid item xs={12} md={6}>
          <WalCard wal={status.wal} />
        </Grid>
      )}
    </Grid>
  );
}
