import {
  RootConfigService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createNormalizeClusterAction } from './actions/normalizeCluster';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createRenderClusterAction } from './actions/renderCluster';
import { createValidateClusterAction } from './actions/validateCluster';

/** Registers the PostgreSQL HA suite's actions with the scaffolder. */
export const scaffolderModulePostgresHa = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'postgres-ha',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, logger, config, catalog }) {
        const actions = createPostgresHaActions({ config, catalog });
        scaffolder.addActions(...actions);
        logger.info(
          `registered ${actions.length} postgres-ha scaffolder actions`,
        );
      },
    });
  },
});

/** Every action of the suite; each is built through its own factory. */
export function createPostgresHaActions(deps: {
  config: RootConfigService;
  catalog: CatalogService;
}) {
  return [
    createPublishLocalAction(deps),
    createRegisterLocalAction(deps),
    createRenderClusterAction(),
    createValidateClusterAction(),
    createNormalizeClusterAction(),
  ];
}
