import { WarningPanel } from '@backstage/core-components';
import type { WatchState } from '@pgha/plugin-postgres-ha-common';

/** The backend's Kubernetes watch is down: the status may be stale until it is back. */
export function WatchDown(props: { watch: WatchState }) {
  return (
    <WarningPanel
      title={`Live updates interrupted since ${new Date(
        props.watch.since,
      ).toLocaleString()}: the status may be stale`}
      message={props.watch.message}
    />
  );
}
