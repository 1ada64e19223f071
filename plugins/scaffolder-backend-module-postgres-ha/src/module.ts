import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/** Registers the PostgreSQL HA suite's actions with the scaffolder. */
export const scaffolderModulePostgresHa = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'postgres-ha',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ scaffolder, logger }) {
        const actions = createPostgresHaActions();
        scaffolder.addActions(...actions);
        logger.info(`registered ${actions.length} postgres-ha scaffolder actions`);
      },
    });
  },
});

/** Every action of the suite; each is built through its own factory. */
export function createPostgresHaActions() {
  return [];
}
