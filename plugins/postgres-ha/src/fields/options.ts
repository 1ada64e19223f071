import { ClusterNameField, clusterNameValidation } from './ClusterNameField';
import {
  ClusterPreviewField,
  clusterPreviewValidation,
} from './ClusterPreviewField';
import { CronScheduleField, cronScheduleValidation } from './CronScheduleField';
import { KubernetesClusterField } from './KubernetesClusterField';
import { ServerParametersField } from './ServerParametersField';
import {
  SettingsSectionField,
  settingsSectionValidation,
} from './SettingsSectionField';

/** Each wizard field once; `name` is what templates write in `ui:field`. */
export const cronScheduleFieldOptions = {
  name: 'CronScheduleField',
  component: CronScheduleField,
  validation: cronScheduleValidation,
};

export const clusterNameFieldOptions = {
  name: 'ClusterNameField',
  component: ClusterNameField,
  validation: clusterNameValidation,
};

export const clusterPreviewFieldOptions = {
  name: 'ClusterPreviewField',
  component: ClusterPreviewField,
  validation: clusterPreviewValidation,
};

export const settingsSectionFieldOptions = {
  name: 'SettingsSectionField',
  component: SettingsSectionField,
  validation: settingsSectionValidation,
};

export const serverParametersFieldOptions = {
  name: 'ServerParametersField',
  component: ServerParametersField,
};

export const kubernetesClusterFieldOptions = {
  name: 'KubernetesClusterField',
  component: KubernetesClusterField,
};
