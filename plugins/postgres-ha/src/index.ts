/**
 * Frontend plugin of the PostgreSQL HA suite: entity tab, overview card and
 * wizard field extensions. Apps on the old frontend system import from `./legacy`.
 *
 * @packageDocumentation
 */
export { postgresHaPlugin as default } from './plugin';
export { isPostgresHaAvailable } from '@pgha/plugin-postgres-ha-common';
export { postgresHaApiRef, PostgresHaClient } from './api/PostgresHaClient';
export type { PostgresHaApi } from './api/PostgresHaClient';
