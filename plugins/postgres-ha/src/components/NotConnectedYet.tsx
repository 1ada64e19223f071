import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_CLUSTER_NAME,
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_NAMESPACE,
  ANNOTATION_SOURCE,
} from '@pgha/plugin-postgres-ha-common';

/** The steps after Create, for the target the entity was generated for. */
function nextSteps(annotations: Record<string, string>): string[] {
  const name = annotations[ANNOTATION_CLUSTER_NAME];
  if (annotations[ANNOTATION_SOURCE] === 'patroni') {
    return [
      `Start the Compose stack: docker compose up -d in the generated directory of ${name} (copy .env.example to .env first and fill in every value).`,
      `A platform engineer adds ${name} to postgresHa.patroni.clusters with its Patroni REST API address.`,
    ];
  }
  const namespace = annotations[ANNOTATION_NAMESPACE] ?? 'default';
  const kubeCluster = annotations[ANNOTATION_KUBERNETES_CLUSTER];
  return [
    `Create the Secrets the generated README lists (backup store credentials, TLS) in namespace ${namespace}.`,
    `Apply the generated files in namespace ${namespace} (kubectl apply -f manifests/, or helm install with the chart), or merge them into the repository your GitOps tool applies.`,
    kubeCluster
      ? `The cluster is expected on the Kubernetes cluster ${kubeCluster}; a platform engineer configures it for Backstage (docs/backend.md) if it is not yet.`
      : `The entity names no Kubernetes cluster: add the ${ANNOTATION_KUBERNETES_CLUSTER} annotation with the configured cluster's name, unless exactly one is configured.`,
  ];
}

/**
 * Why a just-created cluster shows no status, and what to do next. The status is read again
 * with growing pauses (at most once a minute) until the cluster answers.
 */
export function NotConnectedYet(props: { reason: string }) {
  const { entity } = useEntity();
  const steps = nextSteps(entity.metadata.annotations ?? {});
  return (
    <WarningPanel
      severity="info"
      defaultExpanded
      title="This cluster is not connected to Backstage yet"
      message={props.reason}
    >
      <div data-testid="next-steps">
        <Typography variant="subtitle2">What to do next</Typography>
        <ol>
          {steps.map(step => (
            <li key={step}>
              <Typography variant="body2">{step}</Typography>
            </li>
          ))}
        </ol>
        <Typography variant="body2" color="textSecondary">
          Backstage checks again with growing pauses, at most once a minute.
        </Typography>
      </div>
    </WarningPanel>
  );
}
