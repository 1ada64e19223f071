import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  clusterNameFieldOptions,
  clusterPreviewFieldOptions,
  cronScheduleFieldOptions,
  kubernetesClusterFieldOptions,
  serverParametersFieldOptions,
  settingsSectionFieldOptions,
} from './options';

/** The same fields for apps on the legacy frontend system; ../legacy.ts provides them. */
export const legacyCronScheduleField = createScaffolderFieldExtension(
  cronScheduleFieldOptions,
);
export const legacyClusterNameField = createScaffolderFieldExtension(
  clusterNameFieldOptions,
);
export const legacyClusterPreviewField = createScaffolderFieldExtension(
  clusterPreviewFieldOptions,
);
export const legacySettingsSectionField = createScaffolderFieldExtension(
  settingsSectionFieldOptions,
);
export const legacyServerParametersField = createScaffolderFieldExtension(
  serverParametersFieldOptions,
);
export const legacyKubernetesClusterField = createScaffolderFieldExtension(
  kubernetesClusterFieldOptions,
);
