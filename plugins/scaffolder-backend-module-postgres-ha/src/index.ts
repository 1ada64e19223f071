/**
 * Scaffolder actions of the PostgreSQL HA suite.
 *
 * @packageDocumentation
 */
export { scaffolderModulePostgresHa as default } from './module';
