import { isResourcePermission } from '@backstage/plugin-permission-common';
import { postgresHaPermissions } from './permissions';

describe('postgresHaPermissions', () => {
  it('declares one catalog-entity resource permission per operation, with unique names', () => {
    const names = postgresHaPermissions.map(p => p.name);
    expect(names).toEqual([
      'postgres-ha.cluster.read',
      'postgres-ha.cluster.switchover',
      'postgres-ha.cluster.scale',
      'postgres-ha.cluster.backup',
      'postgres-ha.cluster.restore',
    ]);
    for (const permission of postgresHaPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });
});
