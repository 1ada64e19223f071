import { useEffect } from 'react';
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { formErrors } from './formErrors';
import { PreviewPanel } from './PreviewPanel';

type FormData = Record<string, unknown>;

/** The value the preview writes into the form so that its validator runs. */
const PREVIEWED = 'previewed';

/** The last page: the generated files, or every error that still blocks Review. */
export function ClusterPreviewField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData: value, onChange } = props;
  // The scaffolder runs a field's validator only when the field has a value.
  useEffect(() => {
    if (value !== PREVIEWED) onChange(PREVIEWED);
  }, [value, onChange]);
  return (
    <PreviewPanel
      formData={(props.formContext?.formData ?? {}) as FormData}
      title={props.schema.title ?? 'Generated files'}
    />
  );
}

/**
 * Keeps the wizard on the preview page while the chosen target cannot be rendered: one line
 * per error, each naming the field (errors of earlier pages caused by later answers land here).
 */
export const clusterPreviewValidation: CustomFieldValidator<string> = (
  _value,
  validation,
  context,
) => {
  for (const e of formErrors((context.formData ?? {}) as FormData))
    validation.addError(`${e.path}: ${e.message}`);
};
