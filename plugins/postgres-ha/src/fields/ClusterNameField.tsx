import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { checkClusterName } from './clusterName';
import { FieldTextBox } from './FieldTextBox';

/** Text input for the cluster name; the rules are checked by `clusterNameValidation`. */
export function ClusterNameField(props: FieldExtensionComponentProps<string>) {
  const value = props.formData ?? '';
  return (
    <FieldTextBox
      field={props}
      fallbackLabel="Name"
      problem={value ? checkClusterName(value) : undefined}
      help="Lowercase letters, digits and -, starting with a letter."
      toValue={text => text.trim() || undefined}
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
