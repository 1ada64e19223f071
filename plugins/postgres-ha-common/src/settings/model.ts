import { settingsObject } from './schema';
import { applyClusterRules } from './rules';

/**
 * The cluster settings model: field rules, defaults and cross-field rules.
 * Kept apart from `schema.ts` so the rules can use its types without a cycle.
 */
export const clusterSettingsSchema =
  settingsObject.superRefine(applyClusterRules);
