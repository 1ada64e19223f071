import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { validateSettings } from '@pgha/plugin-postgres-ha-common';
import yaml from 'yaml';
import { createNormalizeClusterAction } from './normalizeCluster';
import { examples } from './normalizeCluster.examples';

describe('postgres:cluster:normalize', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    'example "%s" outputs settings the model accepts and names what it dropped',
    async (_description, example) => {
      const [normalize] = yaml.parse(example).steps;
      const ctx = createMockActionContext({ input: normalize.input });
      await createNormalizeClusterAction().handler(ctx);
      const output = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(validateSettings(normalize.input.settings)).toMatchObject({
        ok: false,
      });
      expect(output.dropped).toEqual(['backup.physical.region']);
      expect(validateSettings(output.settings)).toMatchObject({ ok: true });
    },
  );

  it('passes settings without hidden answers through unchanged', async () => {
    const settings = {
      cluster: { name: 'orders-db', team: 'orders', owner: 'dba' },
    };
    const ctx = createMockActionContext({ input: { settings } });
    await createNormalizeClusterAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('settings', settings);
    expect(ctx.output).toHaveBeenCalledWith('dropped', []);
  });
});
