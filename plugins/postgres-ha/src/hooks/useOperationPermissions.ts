import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  postgresHaBackupPermission,
  postgresHaRestorePermission,
  postgresHaScalePermission,
  postgresHaSwitchoverPermission,
} from '@pgha/plugin-postgres-ha-common';

export interface OperationPermission {
  allowed: boolean;
  loading: boolean;
}

export interface OperationPermissions {
  switchover: OperationPermission;
  scale: OperationPermission;
  backup: OperationPermission;
  restore: OperationPermission;
}

/** Which operations the signed-in user may run on this cluster entity. */
export function useOperationPermissions(
  entity: CompoundEntityRef,
): OperationPermissions {
  const resourceRef = stringifyEntityRef(entity);
  return {
    switchover: usePermission({
      permission: postgresHaSwitchoverPermission,
      resourceRef,
    }),
    scale: usePermission({
      permission: postgresHaScalePermission,
      resourceRef,
    }),
    backup: usePermission({
      permission: postgresHaBackupPermission,
      resourceRef,
    }),
    restore: usePermission({
      permission: postgresHaRestorePermission,
      resourceRef,
    }),
  };
}
