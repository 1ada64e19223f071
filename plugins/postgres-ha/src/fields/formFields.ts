import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  clusterNameFieldOptions,
  clusterPreviewFieldOptions,
  cronScheduleFieldOptions,
  kubernetesClusterFieldOptions,
  serverParametersFieldOptions,
  settingsSectionFieldOptions,
} from './options';

export const cronScheduleFormField = createFormField(cronScheduleFieldOptions);
export const clusterNameFormField = createFormField(clusterNameFieldOptions);
export const clusterPreviewFormField = createFormField(
  clusterPreviewFieldOptions,
);
export const settingsSectionFormField = createFormField(
  settingsSectionFieldOptions,
);
export const serverParametersFormField = createFormField(
  serverParametersFieldOptions,
);
export const kubernetesClusterFormField = createFormField(
  kubernetesClusterFieldOptions,
);
