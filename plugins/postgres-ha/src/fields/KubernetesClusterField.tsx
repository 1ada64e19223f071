import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** The Kubernetes clusters the postgres-ha backend is configured for (names only). */
function useConfiguredClusters() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async () => {
    const base = await discoveryApi.getBaseUrl('postgres-ha');
    const response = await fetchApi.fetch(`${base}/kubernetes-clusters`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return ((await response.json()) as { items: string[] }).items;
  }, [discoveryApi, fetchApi]);
}

/**
 * Which configured Kubernetes cluster the database goes to; written as the entity's
 * `postgres-ha/kubernetes-cluster` annotation, so its page is live once the cluster exists.
 */
export function KubernetesClusterField(
  props: FieldExtensionComponentProps<string>,
) {
  const { value: clusters, loading, error } = useConfiguredClusters();
  const { formData, onChange } = props;
  // With exactly one configured cluster there is nothing to choose.
  useEffect(() => {
    if (!formData && clusters?.length === 1) onChange(clusters[0]);
  }, [formData, clusters, onChange]);
  const label = props.schema.title ?? 'Kubernetes cluster';
  let help = props.uiSchema?.['ui:help'] as string | undefined;
  if (error)
    help = `The configured clusters could not be read: ${error.message}`;
  else if (clusters?.length === 0)
    help =
      'No Kubernetes cluster is configured in this Backstage; once one is, add the postgres-ha/kubernetes-cluster annotation to the entity.';
  return (
    <TextField
      select
      id={props.idSchema?.$id}
      label={label}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      disabled={loading || !clusters?.length}
      helperText={help}
      error={!!error}
      margin="normal"
      fullWidth
      SelectProps={{ SelectDisplayProps: { 'aria-label': label } }}
    >
      <MenuItem value="">(none)</MenuItem>
      {(clusters ?? []).map(name => (
        <MenuItem key={name} value={name}>
          {name}
        </MenuItem>
      ))}
    </TextField>
  );
}
