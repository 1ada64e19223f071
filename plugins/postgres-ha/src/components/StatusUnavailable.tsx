import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../api/errorMessage';
import { NotConnectedYet } from './NotConnectedYet';

/**
 * Why there is no status at all. A 404 means the backend does not know the cluster the entity
 * names (e.g. a just-created cluster whose Kubernetes cluster is not configured): say so and
 * what to do next, instead of a raw "Request failed" panel.
 */
export function StatusUnavailable(props: { error?: Error }) {
  const { error } = props;
  if (error instanceof ResponseError && error.statusCode === 404) {
    return <NotConnectedYet reason={error.body.error.message} />;
  }
  if (error instanceof ResponseError && error.statusCode === 403) {
    return (
      <WarningPanel
        severity="warning"
        defaultExpanded
        title="You may not view this cluster's status"
        message="The postgres-ha.cluster.read permission was denied for this entity."
      />
    );
  }
  return (
    <ResponseErrorPanel
      title={error && errorMessage(error)}
      error={error ?? new Error('No status received')}
    />
  );
}
