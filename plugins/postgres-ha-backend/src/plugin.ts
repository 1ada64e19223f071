import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { postgresHaPermissions } from '@pgha/plugin-postgres-ha-common';
import { createRouter } from './service/router';

/** Live status and guarded operations for PostgreSQL HA clusters. */
export const postgresHaPlugin = createBackendPlugin({
  pluginId: 'postgres-ha',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(postgresHaPermissions);
        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
