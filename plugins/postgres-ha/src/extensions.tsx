import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isPostgresHaAvailable } from '@pgha/plugin-postgres-ha-common';
import { PostgresHaClient, postgresHaApiRef } from './api/PostgresHaClient';

/** The client for the postgres-ha backend routes. */
export const postgresHaApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: postgresHaApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PostgresHaClient(deps),
    }),
});

/** "PostgreSQL" tab, only on entities annotated for the suite. */
export const postgresHaEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/postgresql',
    title: 'PostgreSQL',
    filter: isPostgresHaAvailable,
    loader: () =>
      import('./components/PostgresHaContent').then(m => (
        <m.PostgresHaContent />
      )),
  },
});

/** Compact health card on the entity's Overview page. */
export const postgresHaEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isPostgresHaAvailable,
    loader: () =>
      import('./components/PostgresHaOverviewCard').then(m => (
        <m.PostgresHaOverviewCard />
      )),
  },
});

/** The entity-page extensions and the API, in the order the plugin lists them. */
export const entityExtensions = [
  postgresHaApi,
  postgresHaEntityContent,
  postgresHaEntityCard,
];
