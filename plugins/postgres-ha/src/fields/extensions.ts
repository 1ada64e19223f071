import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** Scaffolder field extensions (new frontend system); loaded only when the wizard opens. */
export const wizardFieldExtensions = [
  FormFieldBlueprint.make({
    name: 'cron-schedule',
    params: {
      field: () => import('./formFields').then(m => m.cronScheduleFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'cluster-name',
    params: {
      field: () => import('./formFields').then(m => m.clusterNameFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'cluster-preview',
    params: {
      field: () => import('./formFields').then(m => m.clusterPreviewFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'settings-section',
    params: {
      field: () => import('./formFields').then(m => m.settingsSectionFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'server-parameters',
    params: {
      field: () =>
        import('./formFields').then(m => m.serverParametersFormField),
    },
  }),
  FormFieldBlueprint.make({
    name: 'kubernetes-cluster',
    params: {
      field: () =>
        import('./formFields').then(m => m.kubernetesClusterFormField),
    },
  }),
];
