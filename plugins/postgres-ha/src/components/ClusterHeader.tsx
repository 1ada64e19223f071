import {
  CopyTextButton,
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  ClusterStatus,
  ClusterSummary,
  FailoverInProgress,
  PrimaryDetails,
} from '@pgha/plugin-postgres-ha-common';
import { connectionStrings, credentialsSecret } from './connection';
import { formatDuration, formatTime, timeZoneLabel } from './format';
import { HealthBadge } from './HealthBadge';
import { KEEP_TITLES } from './metadataTitles';

const REPLICATION: Record<ClusterSummary['replicationMode'], string> = {
  async: 'asynchronous',
  synchronous: 'synchronous',
  'synchronous-strict': 'synchronous (strict: writes wait for a standby)',
};

function target(cluster: ClusterSummary): string {
  if (cluster.source === 'patroni') return 'Patroni REST API (direct)';
  const where = [cluster.kubernetesCluster, cluster.namespace].filter(Boolean);
  return `Kubernetes${where.length ? `: ${where.join(' / ')}` : ''}`;
}

/** Long values end in an ellipsis rather than break; the tooltip and the copy button have all of it. */
const VALUE_STYLE = {
  whiteSpace: 'nowrap' as const,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  minWidth: 0,
  maxWidth: 'max(40ch, calc(100vw - 880px))',
};

function Endpoint(props: { value: string }) {
  return (
    <Box display="flex" alignItems="center" minWidth={0}>
      <code style={VALUE_STYLE} title={props.value}>
        {props.value}
      </code>
      <CopyTextButton
        text={props.value}
        tooltipText="Copied"
        aria-label={`Copy ${props.value}`}
      />
    </Box>
  );
}

/** Several addresses: one copy button each, never "host1, host2" in one. */
function Endpoints(props: { value: string }) {
  return (
    <>
      {props.value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean)
        .map(v => (
          <Endpoint key={v} value={v} />
        ))}
    </>
  );
}

/** "2026-12-01 06:42 (Europe/Berlin), up 3 h 2 min". */
function startedWithUptime(iso: string): string {
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  return `${formatTime(iso)} (${timeZoneLabel(
    new Date(iso),
  )}), up ${formatDuration(Math.max(seconds, 0))}`;
}

/** What the leader says about itself: identity, uptime, WAL position. */
function primaryRows(primary: PrimaryDetails | undefined) {
  const rows: Record<string, string> = {};
  if (!primary) return rows;
  if (primary.systemIdentifier)
    rows['System identifier'] = primary.systemIdentifier;
  if (primary.startedAt)
    rows['Primary started'] = startedWithUptime(primary.startedAt);
  if (primary.walPosition) {
    rows['Write position'] = `${primary.walPosition}${
      primary.walFile ? ` (WAL ${primary.walFile})` : ''
    }${primary.timeline ? `, timeline ${primary.timeline}` : ''}`;
  }
  if (primary.patroniVersion) rows.Patroni = primary.patroniVersion;
  return rows;
}

const READY_STATES = ['running', 'streaming'];

/** "2 of 3 ready (pg0 unreachable)": the count names who is missing. */
function instances(status: ClusterStatus): string {
  const { cluster, members } = status;
  const desired = cluster.desiredInstances;
  const count =
    desired === undefined
      ? `${cluster.readyInstances} ready`
      : `${cluster.readyInstances} of ${desired} ready`;
  const notReady = members
    .filter(m => !READY_STATES.includes(m.state))
    .map(m => `${m.name} ${m.state}`);
  return notReady.length ? `${count} (${notReady.join(', ')})` : count;
}

/** A leader change under way: its own state, above the verdict. */
function FailoverNotice(props: { failover: FailoverInProgress }) {
  const { phase, oldLeader, since, ttlSeconds } = props.failover;
  const lost = oldLeader ? `leader ${oldLeader}` : 'the leader';
  const what =
    phase === 'leader-unreachable'
      ? `${lost} does not answer; Patroni promotes a replica once its leader lock expires${
          ttlSeconds ? ` (ttl ${ttlSeconds} s)` : ''
        }`
      : `${lost} is gone and no member holds the leader lock yet`;
  return (
    <Box mb={1} data-testid="failover-in-progress">
      <Chip size="small" color="secondary" label="Failover in progress" />{' '}
      <Typography variant="body2" component="span">
        Since {new Date(since).toLocaleTimeString()}: {what}.
      </Typography>
    </Box>
  );
}

/** Verdict and reasons first, then what the cluster is and how to reach it. */
export function ClusterHeader(props: { status: ClusterStatus }) {
  const { cluster, health, pooler } = props.status;
  const { endpoints, links } = cluster;
  const metadata: Record<string, unknown> = {
    'PostgreSQL version': cluster.postgresVersion ?? 'unknown',
    Instances: instances(props.status),
    Replication: REPLICATION[cluster.replicationMode],
    Target: target(cluster),
    ...primaryRows(cluster.primary),
  };
  if (cluster.operatorStatus)
    metadata['Operator status'] = cluster.operatorStatus;
  if (pooler) {
    metadata.Pooler = `${pooler.ready ? 'ready' : 'not ready'}${
      pooler.mode ? `, ${pooler.mode} mode` : ''
    }${pooler.pointsTo ? `, routes to ${pooler.pointsTo}` : ''}`;
  }
  const endpointRows: [string, string | undefined][] = [
    ['Primary', endpoints.primary],
    ['Replicas', endpoints.replicas],
    ['Pooler', endpoints.pooler],
    ['Pooler (replicas)', endpoints.poolerReplicas],
  ];
  for (const [label, value] of endpointRows) {
    if (value) metadata[label] = <Endpoints value={value} />;
  }
  for (const [label, value] of connectionStrings(props.status)) {
    metadata[`${label} URI`] = <Endpoint value={value} />;
  }
  const secret = credentialsSecret(props.status);
  if (secret) metadata['Credentials Secret'] = secret;
  if (links.grafana)
    metadata.Grafana = <Link to={links.grafana}>Dashboards</Link>;
  if (links.pgadmin)
    metadata.pgAdmin = <Link to={links.pgadmin}>Open pgAdmin</Link>;

  return (
    <InfoCard title={`Cluster ${cluster.name}`}>
      <Box mb={2} data-testid="health-verdict">
        {props.status.failover && (
          <FailoverNotice failover={props.status.failover} />
        )}
        <Typography variant="h6" component="div">
          <HealthBadge state={health.state} />
        </Typography>
        {health.reasons.length > 0 && (
          <ul aria-label="Health reasons">
            {health.reasons.map(reason => (
              <li key={reason}>
                <Typography variant="body2">{reason}</Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>
      <StructuredMetadataTable
        metadata={metadata}
        dense
        options={KEEP_TITLES}
      />
    </InfoCard>
  );
}
