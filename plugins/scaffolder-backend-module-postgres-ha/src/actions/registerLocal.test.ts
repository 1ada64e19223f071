import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRegisterLocalAction } from './registerLocal';

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/dba' },
};

describe('postgres:catalog:register-local', () => {
  const dir = createMockDirectory();
  const root = () => dir.resolve('published');
  const config = () =>
    mockServices.rootConfig({
      data: { postgresHa: { localPublish: { directory: root() } } },
    });
  const context = (input: Record<string, unknown>, isDryRun = false) => ({
    ...createMockActionContext({ input: input as any }),
    isDryRun,
  });
  const catalogInfoPath = () =>
    path.join(root(), 'orders-db', 'catalog-info.yaml');

  beforeEach(() => {
    dir.setContent({
      'published/orders-db/catalog-info.yaml': yaml.stringify(resource),
    });
  });

  it('refreshes the publish location and waits until the entity shows up', async () => {
    const catalog = catalogServiceMock.mock({
      refreshEntity: jest.fn().mockResolvedValue(undefined),
      getEntityByRef: jest
        .fn()
        .mockResolvedValueOnce(undefined)
        .mockResolvedValueOnce(undefined)
        .mockResolvedValue(resource),
    });
    const action = createRegisterLocalAction({
      config: config(),
      catalog,
      pollIntervalMs: 1,
    });
    const ctx = context({ catalogInfoPath: catalogInfoPath() });
    await action.handler(ctx);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      `location:default/${locationSpecToMetadataName({
        type: 'file',
        target: path.join(root(), '*', 'catalog-info.yaml'),
      })}`,
      expect.anything(),
    );
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/orders-db',
    );
  });

  it('gives up after the timeout with an error naming the entity', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const action = createRegisterLocalAction({
      config: config(),
      catalog,
      pollIntervalMs: 5,
    });
    await expect(
      action.handler(
        context({ catalogInfoPath: catalogInfoPath(), timeoutSeconds: 1 }),
      ),
    ).rejects.toThrow(/resource:default\/orders-db did not appear/);
  });

  it('explains the catalog.locations entry when no location reads the publish directory', async () => {
    const catalog = catalogServiceMock.mock({
      refreshEntity: jest.fn().mockRejectedValue(new Error('not found')),
    });
    const action = createRegisterLocalAction({ config: config(), catalog });
    await expect(
      action.handler(context({ catalogInfoPath: catalogInfoPath() })),
    ).rejects.toThrow(
      /add \{type: file, target: .*\*\/catalog-info\.yaml\} to catalog\.locations/,
    );
  });

  it('refuses a path outside the publish directory', async () => {
    const action = createRegisterLocalAction({
      config: config(),
      catalog: catalogServiceMock(),
    });
    await expect(
      action.handler(
        context({ catalogInfoPath: path.join(dir.path, 'elsewhere.yaml') }),
      ),
    ).rejects.toThrow(/not inside postgresHa\.localPublish\.directory/);
  });

  it('touches nothing on a dry run', async () => {
    const catalog = catalogServiceMock.mock();
    const action = createRegisterLocalAction({ config: config(), catalog });
    await action.handler(context({ catalogInfoPath: catalogInfoPath() }, true));
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it('runs each documented example against the publish directory', async () => {
    const catalog = catalogServiceMock({ entities: [resource] });
    const action = createRegisterLocalAction({ config: config(), catalog });
    for (const example of action.examples ?? []) {
      const step = yaml.parse(example.example).steps[0];
      expect(step.input.catalogInfoPath).toContain(
        'steps.publish.output.catalogInfoPath',
      );
      const ctx = context({
        ...step.input,
        catalogInfoPath: catalogInfoPath(),
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'resource:default/orders-db',
      );
    }
  });
});
