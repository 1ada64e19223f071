import { InputError } from '@backstage/errors';
import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatSettingsErrors,
  validateSettings,
  type ClusterSettings,
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

/** Validated settings, or an InputError whose message lists each field and what is allowed. */
export function requireValidSettings(input: unknown): ClusterSettings {
  const result = validateSettings(input);
  if (!result.ok) {
    throw new InputError(
      `Invalid cluster settings:\n${formatSettingsErrors(result.errors)}`,
    );
  }
  return result.settings;
}
