import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/** View live status and backups of a cluster entity. */
export const postgresHaReadPermission = createPermission({
  name: 'postgres-ha.cluster.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Hand the leader role to another member. */
export const postgresHaSwitchoverPermission = createPermission({
  name: 'postgres-ha.cluster.switchover',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Change the number of instances. */
export const postgresHaScalePermission = createPermission({
  name: 'postgres-ha.cluster.scale',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Start a backup now. */
export const postgresHaBackupPermission = createPermission({
  name: 'postgres-ha.cluster.backup',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Restore (clone) a cluster to a point in time. */
export const postgresHaRestorePermission = createPermission({
  name: 'postgres-ha.cluster.restore',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const postgresHaPermissions = [
  postgresHaReadPermission,
  postgresHaSwitchoverPermission,
  postgresHaScalePermission,
  postgresHaBackupPermission,
  postgresHaRestorePermission,
];
