import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { entityExtensions } from './extensions';
import { wizardFieldExtensions } from './fields/extensions';

/** Frontend of the PostgreSQL HA suite (new frontend system). */
export const postgresHaPlugin = createFrontendPlugin({
  pluginId: 'postgres-ha',
  extensions: [...entityExtensions, ...wizardFieldExtensions],
});
