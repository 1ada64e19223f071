import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  clusterNameFieldOptions,
  clusterPreviewFieldOptions,
  cronScheduleFieldOptions,
} from './options';

export const cronScheduleFormField = createFormField(cronScheduleFieldOptions);
export const clusterNameFormField = createFormField(clusterNameFieldOptions);
export const clusterPreviewFormField = createFormField(
  clusterPreviewFieldOptions,
);
