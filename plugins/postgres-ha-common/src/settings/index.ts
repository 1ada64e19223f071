export { clusterSettingsSchema } from './model';
export {
  TARGETS,
  ALERTS,
  type Target,
  type AlertName,
  type ClusterSettings,
  type ClusterSettingsInput,
  type CloneSource,
} from './schema';
export { COMPOSE_PG_VERSIONS, SUPPORTED_PG_VERSIONS } from './rules';
export { ALLOWED_PARAMETERS, PG_SETTINGS_VERSION } from './parameters';
export { PG_SETTINGS } from './pgSettings.generated';
export type { PgSetting } from './pgSetting';
export {
  validateSettings,
  formatSettingsErrors,
  type SettingsError,
  type ValidationResult,
} from './validate';
export { exampleSettings } from './examples';
export { checkCron } from './cron';
export { dropInapplicableFields, type ApplicableSettings } from './applicable';
