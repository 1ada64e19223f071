import { InputError } from '@backstage/errors';
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
