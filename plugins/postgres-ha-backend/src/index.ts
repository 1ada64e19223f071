/**
 * Backend plugin of the PostgreSQL HA suite.
 *
 * @packageDocumentation
 */
export { postgresHaPlugin as default } from './plugin';
