import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Chip from '@material-ui/core/Chip';
import { ClusterStatus, isLeaderRole } from '@pgha/plugin-postgres-ha-common';
import { useClusterStatus } from '../hooks/useClusterStatus';
import { formatBytes, formatTime } from './format';
import { HealthBadge } from './HealthBadge';
import { StatusUnavailable } from './StatusUnavailable';
import { KEEP_TITLES } from './metadataTitles';
import { LastUpdated } from './LastUpdated';

function summary(status: ClusterStatus): Record<string, string> {
  const leader = status.members.find(m => isLeaderRole(m.role));
  const lags = status.members.flatMap(m =>
    !isLeaderRole(m.role) && m.lagBytes !== null ? [m.lagBytes] : [],
  );
  const lastBackup =
    status.backups.base[0]?.finishedAt ?? status.backups.logical?.lastSuccess;
  return {
    // A leader the DCS still names but that does not run says so.
    Leader: leader
      ? `${leader.name}${
          leader.state === 'running' ? '' : ` (${leader.state})`
        }`
      : 'none',
    Instances: `${status.cluster.readyInstances} of ${
      status.cluster.desiredInstances ?? status.members.length
    } ready`,
    'Max replica lag': lags.length ? formatBytes(Math.max(...lags)) : '—',
    'Last backup': formatTime(lastBackup),
  };
}

/** Compact health summary for the entity's Overview page. */
export function PostgresHaOverviewCard() {
  const { entity } = useEntity();
  const { status, error, loading, lastUpdated, mode } = useClusterStatus(
    getCompoundEntityRef(entity),
  );
  const entityPath = useRouteRef(entityRouteRef)(entityRouteParams(entity));

  let body;
  if (loading) body = <Progress />;
  else if (!status) body = <StatusUnavailable error={error} />;
  else {
    body = (
      <>
        <Box data-testid="health-verdict">
          <HealthBadge state={status.health.state} />
          {status.failover && (
            <Chip
              size="small"
              color="secondary"
              label="Failover in progress"
              data-testid="failover-in-progress"
            />
          )}
          {status.error && (
            <Typography variant="body2" color="error">
              Source unreachable: {status.error.message}
            </Typography>
          )}
          {status.health.reasons.slice(0, 3).map(r => (
            <Typography key={r} variant="body2">
              {r}
            </Typography>
          ))}
        </Box>
        <StructuredMetadataTable
          metadata={summary(status)}
          dense
          options={KEEP_TITLES}
        />
        <LastUpdated
          at={lastUpdated}
          mode={mode}
          status={status}
          error={error}
        />
      </>
    );
  }
  return (
    <InfoCard
      title="PostgreSQL"
      deepLink={{
        title: 'Open the PostgreSQL tab',
        link: `${entityPath}/postgresql`,
      }}
    >
      {body}
    </InfoCard>
  );
}
