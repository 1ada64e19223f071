import { InputError } from '@backstage/errors';
import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatSettingsErrors,
  validateSettings,
  type ClusterSettings,
  type SettingsError,
} from '@pgha/plugin-postgres-ha-common';

/**
 * The action's own schema keeps `settings` an open object: the scaffolder's injected zod
 * is a different instance than the model's, so the model validates it in the handler and
 * reports every problem by field path.
 */
export const SETTINGS_DESCRIPTION =
  'Cluster settings (see docs/settings.md): cluster, postgresql, topology, pooling, databases, resources, storage, scheduling, backup, monitoring, security, target, operatorVersion';

/** The zod instance the scaffolder injects into input and output schemas. */
type InjectedZod = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    Record<string, unknown>
  >[string]
>[0];

/** The `settings` input every cluster action takes; spread it into `schema.input`. */
export const settingsInput = {
  settings: (z: InjectedZod): ReturnType<InjectedZod['record']> =>
    z.record(z.string(), z.unknown()).describe(SETTINGS_DESCRIPTION),
};

/**
 * An InputError listing each field and what is allowed. The task log shows a failed step's
 * `stack`; here that is the list itself, since a trace through the action helps no user.
 */
export function invalidSettingsError(errors: SettingsError[]): InputError {
  const error = new InputError(
    `Invalid cluster settings (${errors.length} ${
      errors.length === 1 ? 'field' : 'fields'
    }):\n${formatSettingsErrors(errors)}`,
  );
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/** Validated settings, or the InputError of `invalidSettingsError`. */
export function requireValidSettings(input: unknown): ClusterSettings {
  const result = validateSettings(input);
  if (!result.ok) throw invalidSettingsError(result.errors);
  return result.settings;
}
