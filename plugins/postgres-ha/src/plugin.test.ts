import { postgresHaPlugin } from './plugin';
import { postgresHaPlugin as legacyPlugin } from './legacy';

describe('postgres-ha frontend plugin', () => {
  it('registers under the same plugin id on the new and the legacy frontend system', () => {
    expect(postgresHaPlugin.id).toBe('postgres-ha');
    expect(legacyPlugin.getId()).toBe('postgres-ha');
  });
});
