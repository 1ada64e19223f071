import TextField from '@material-ui/core/TextField';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { checkClusterName } from './clusterName';

/** Text input for the cluster name; the rules are checked by `clusterNameValidation`. */
export function ClusterNameField(props: FieldExtensionComponentProps<string>) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    idSchema,
    disabled,
  } = props;
  const value = formData ?? '';
  const problem = value ? checkClusterName(value) : undefined;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={value}
      required={required}
      disabled={disabled}
      onChange={e => onChange(e.target.value.trim() || undefined)}
      error={!!problem || (rawErrors?.length ?? 0) > 0}
      helperText={
        problem ?? 'Lowercase letters, digits and -, starting with a letter.'
      }
      margin="normal"
      fullWidth
      inputProps={{ 'aria-label': schema.title ?? 'Name', spellCheck: false }}
    />
  );
}

/** Entities of any kind already named like this; the cluster entity would collide. */
async function entitiesNamed(catalogApi: CatalogApi, name: string) {
  const { items } = await catalogApi.getEntities({
    filter: { 'metadata.name': name },
    fields: ['kind', 'metadata.name', 'metadata.namespace'],
  });
  return items;
}

/** Kubernetes naming rules (from the settings model) and a free name in the catalog. */
export const clusterNameValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (!value) return;
  const problem = checkClusterName(value);
  if (problem) {
    validation.addError(problem);
    return;
  }
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  const taken = await entitiesNamed(catalogApi, value);
  if (taken.length > 0) {
    const refs = taken.map(e => stringifyEntityRef(e)).join(', ');
    validation.addError(
      `${refs} already has this name in the catalog; choose another`,
    );
  }
};
