import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { postgresHaPermissions } from '@pgha/plugin-postgres-ha-common';
import { readPostgresHaConfig } from './config/readConfig';
import { readOperationsConfig } from './config/readOperationsConfig';
import { HealthEvaluator } from './health/HealthEvaluator';
import { OperationHistoryStore } from './operations/OperationHistoryStore';
import { OperationsService } from './operations/OperationsService';
import { ClusterLocator } from './service/ClusterLocator';
import { createRouter } from './service/router';
import { StatusHub } from './status/StatusHub';

/** Live status and guarded operations for PostgreSQL HA clusters. */
export const postgresHaPlugin = createBackendPlugin({
  pluginId: 'postgres-ha',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { httpRouter, logger, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(postgresHaPermissions);
        const config = readPostgresHaConfig(deps.config);
        const hub = StatusHub.create({
          evaluator: HealthEvaluator.create({
            lagWarningBytes: config.lagWarningBytes,
          }),
          refreshIntervalMs: config.refreshIntervalMs,
          logger,
        });
        lifecycle.addShutdownHook(() => hub.close());
        const history = await OperationHistoryStore.create({
          database: deps.database,
          logger,
          ...readOperationsConfig(deps.config),
        });
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            locator: ClusterLocator.create({ config }),
            hub,
            operations: OperationsService.create({
              hub,
              auditor: deps.auditor,
              logger,
              config,
              history,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info(
          `postgres-ha: ${config.patroniClusters.length} Patroni and ${config.kubernetesClusters.length} Kubernetes clusters configured`,
        );
      },
    });
  },
});
