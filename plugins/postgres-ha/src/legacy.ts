import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PostgresHaClient, postgresHaApiRef } from './api/PostgresHaClient';
import {
  legacyClusterNameField,
  legacyClusterPreviewField,
  legacyCronScheduleField,
  legacyKubernetesClusterField,
  legacyServerParametersField,
  legacySettingsSectionField,
} from './fields/legacy';

/** The suite's frontend for apps on the legacy frontend system. */
export const postgresHaPlugin = createPlugin({
  id: 'postgres-ha',
  apis: [
    createApiFactory({
      api: postgresHaApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PostgresHaClient(deps),
    }),
  ],
});

/** The "PostgreSQL" tab content; mount under an EntityLayout.Route with `isPostgresHaAvailable`. */
export const EntityPostgresHaContent = postgresHaPlugin.provide(
  createComponentExtension({
    name: 'EntityPostgresHaContent',
    component: {
      lazy: () =>
        import('./components/PostgresHaContent').then(m => m.PostgresHaContent),
    },
  }),
);

/** Compact health card for the entity Overview page. */
export const EntityPostgresHaOverviewCard = postgresHaPlugin.provide(
  createComponentExtension({
    name: 'EntityPostgresHaOverviewCard',
    component: {
      lazy: () =>
        import('./components/PostgresHaOverviewCard').then(
          m => m.PostgresHaOverviewCard,
        ),
    },
  }),
);

/** Create-wizard fields: mount inside `<ScaffolderFieldExtensions>` of the legacy app. */
export const CronScheduleFieldExtension = postgresHaPlugin.provide(
  legacyCronScheduleField,
);
export const ClusterNameFieldExtension = postgresHaPlugin.provide(
  legacyClusterNameField,
);
export const ClusterPreviewFieldExtension = postgresHaPlugin.provide(
  legacyClusterPreviewField,
);
export const SettingsSectionFieldExtension = postgresHaPlugin.provide(
  legacySettingsSectionField,
);
export const ServerParametersFieldExtension = postgresHaPlugin.provide(
  legacyServerParametersField,
);
export const KubernetesClusterFieldExtension = postgresHaPlugin.provide(
  legacyKubernetesClusterField,
);

export { isPostgresHaAvailable } from '@pgha/plugin-postgres-ha-common';
export { postgresHaApiRef, PostgresHaClient } from './api/PostgresHaClient';
export type { PostgresHaApi } from './api/PostgresHaClient';
