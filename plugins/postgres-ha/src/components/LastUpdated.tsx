import { StatusWarning } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import { useEffect, useState } from 'react';
import { DEFAULT_INTERVAL_SECONDS } from '../hooks/useClusterStatus';
import { formatDuration, timeZoneLabel } from './format';

/** Why no fresh snapshot arrived, in the words a viewer can act on. */
function staleReason(
  mode: 'live' | 'polling',
  error: Error | undefined,
  status: ClusterStatus,
): string {
  if (error) return `the backend did not answer (${error.message})`;
  if (status.error)
    return `the backend cannot read the cluster (${status.error.type})`;
  if (mode === 'polling')
    return 'the event stream is unavailable and polling brought nothing newer';
  return 'the event stream is open but nothing newer arrived; the backend may be stuck reading the cluster';
}

/**
 * "Data from 10:04:05 (Europe/Berlin), 3 s old · live updates": the snapshot's
 * age, counted on from what the backend said when it sent it (so the browser's
 * clock does not matter), and marked stale after two missed refresh intervals.
 */
export function LastUpdated(props: {
  at?: Date;
  mode: 'live' | 'polling';
  status?: ClusterStatus;
  error?: Error;
}) {
  const { at, mode, status, error } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const how =
    mode === 'live' ? 'live updates' : 'event stream unavailable, polling';
  if (!at || !status) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="last-updated"
      >
        Last updated never · {how}
      </Typography>
    );
  }
  const intervalSeconds =
    status.refreshIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const ageMs = (status.ageMs ?? 0) + Math.max(now - at.getTime(), 0);
  const stale = ageMs > 2 * intervalSeconds * 1000;
  const taken = new Date(at.getTime() - (status.ageMs ?? 0));
  const line = `Last updated ${at.toLocaleTimeString()} · data from ${taken.toLocaleTimeString()} (${timeZoneLabel(
    taken,
  )}), ${formatDuration(ageMs / 1000)} old · ${how}`;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="div"
      data-testid="last-updated"
    >
      {line}
      {stale && (
        <div data-testid="stale">
          <StatusWarning>
            Stale: no newer data for {formatDuration(ageMs / 1000)} (expected
            every {intervalSeconds} s) — {staleReason(mode, error, status)}
          </StatusWarning>
        </div>
      )}
    </Typography>
  );
}
