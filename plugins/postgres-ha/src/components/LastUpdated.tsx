import Typography from '@material-ui/core/Typography';

/** "Last updated …, live" so a stale page is visible as stale. */
export function LastUpdated(props: {
  at?: Date;
  mode: 'live' | 'polling';
  snapshotAt?: string;
}) {
  const { at, mode, snapshotAt } = props;
  const how =
    mode === 'live' ? 'live updates' : 'event stream unavailable, polling';
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      data-testid="last-updated"
    >
      Last updated {at ? at.toLocaleTimeString() : 'never'}
      {snapshotAt
        ? ` (snapshot ${new Date(snapshotAt).toLocaleTimeString()})`
        : ''}{' '}
      · {how}
    </Typography>
  );
}
