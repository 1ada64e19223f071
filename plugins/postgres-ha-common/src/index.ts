/**
 * Shared pieces of the PostgreSQL HA suite: catalog annotations, permissions,
 * the live-status contract, the cluster settings model and its renderers.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './status/types';
export * from './status/operations';
export * from './settings';
export * from './render';
