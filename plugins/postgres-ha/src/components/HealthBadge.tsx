import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { HealthState } from '@pgha/plugin-postgres-ha-common';

/** The backend's verdict with the theme's status colour. */
export function HealthBadge(props: { state: HealthState }) {
  const { state } = props;
  if (state === 'Healthy') return <StatusOK>Healthy</StatusOK>;
  if (state === 'Degraded') return <StatusWarning>Degraded</StatusWarning>;
  if (state === 'Down') return <StatusError>Down</StatusError>;
  return <StatusPending>Unknown</StatusPending>;
}
