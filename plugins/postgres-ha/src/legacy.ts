import { createPlugin } from '@backstage/core-plugin-api';

/** The suite's frontend for apps on the legacy frontend system. */
export const postgresHaPlugin = createPlugin({
  id: 'postgres-ha',
});
