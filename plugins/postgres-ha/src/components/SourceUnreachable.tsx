import { WarningPanel } from '@backstage/core-components';
import { UpstreamError } from '@pgha/plugin-postgres-ha-common';

/** The backend answered but could not read the cluster: say why, keep the rest visible. */
export function SourceUnreachable(props: { error: UpstreamError }) {
  return (
    <WarningPanel
      severity="error"
      title={`Cluster source unreachable (${props.error.type})`}
      message={props.error.message}
    />
  );
}
