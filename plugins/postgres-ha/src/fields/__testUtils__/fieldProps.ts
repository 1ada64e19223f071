import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { TestApiRegistry } from '@backstage/test-utils';

/**
 * The props the scaffolder form hands a field extension, with only what these fields read:
 * the title from the schema, the value, the form's answers (formContext) and onChange.
 */
export function fieldProps<T>(options: {
  title: string;
  id: string;
  formData?: T;
  formContext?: { formData: Record<string, unknown> };
  onChange?: (value: T | undefined) => void;
}): FieldExtensionComponentProps<T> {
  return {
    schema: { title: options.title },
    uiSchema: {},
    idSchema: { $id: options.id },
    formData: options.formData,
    formContext: options.formContext,
    onChange: options.onChange ?? (() => {}),
    rawErrors: [],
    required: true,
  } as unknown as FieldExtensionComponentProps<T>;
}

/** A FieldValidation that records the errors a validator adds. */
export function recordingValidation() {
  const errors: string[] = [];
  const validation = {
    addError: (message: string) => errors.push(message),
  } as unknown as Parameters<CustomFieldValidator<unknown>>[1];
  return { validation, errors };
}

/** The validator context: the form's answers and the app's APIs. */
export const validatorContext = <T = unknown>(
  apis: TestApiRegistry = TestApiRegistry.from(),
  formData: Record<string, unknown> = {},
): Parameters<CustomFieldValidator<T>>[2] => ({
  apiHolder: apis,
  formData: formData as Parameters<CustomFieldValidator<T>>[2]['formData'],
  schema: {},
});
