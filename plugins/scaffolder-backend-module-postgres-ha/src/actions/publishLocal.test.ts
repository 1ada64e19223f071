import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createPublishLocalAction } from './publishLocal';

describe('postgres:publish:local', () => {
  const dir = createMockDirectory();
  const root = () => dir.resolve('published');
  const workspace = () => dir.resolve('workspace');
  const action = () =>
    createPublishLocalAction({
      config: mockServices.rootConfig({
        data: { postgresHa: { localPublish: { directory: root() } } },
      }),
    });
  const context = (input: Record<string, unknown>, isDryRun = false) => ({
    ...createMockActionContext({
      input: input as any,
      workspacePath: workspace(),
    }),
    isDryRun,
  });

  beforeEach(() => {
    dir.clear();
    dir.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Resource\n',
        'manifests/postgresql.yaml': 'kind: postgresql\n',
      },
    });
  });

  it('copies every workspace file into <directory>/<name> and reports the paths', async () => {
    const ctx = context({ name: 'orders-db' });
    await action().handler(ctx);
    const target = path.join(root(), 'orders-db');
    expect(
      fs.readFileSync(path.join(target, 'manifests/postgresql.yaml'), 'utf8'),
    ).toBe('kind: postgresql\n');
    expect(ctx.output).toHaveBeenCalledWith('directory', target);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(target, 'catalog-info.yaml'),
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'catalog-info.yaml',
      path.join('manifests', 'postgresql.yaml'),
    ]);
  });

  it('writes nothing on a dry run but reports where it would publish', async () => {
    const ctx = context({ name: 'orders-db' }, true);
    await action().handler(ctx);
    expect(fs.existsSync(root())).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith(
      'directory',
      path.join(root(), 'orders-db'),
    );
  });

  it.each(['../escape', 'a/b', '.hidden', '..', '/abs'])(
    'refuses the name %p, which would leave the publish directory',
    async name => {
      await expect(action().handler(context({ name }))).rejects.toThrow(
        /name|outside/,
      );
      expect(fs.existsSync(path.join(dir.path, 'escape'))).toBe(false);
    },
  );

  it('refuses a sourcePath outside the workspace', async () => {
    await expect(
      action().handler(context({ name: 'orders-db', sourcePath: '../..' })),
    ).rejects.toThrow(/outside/);
  });

  it('skips symlinks so a workspace link cannot copy files from elsewhere', async () => {
    dir.addContent({ secret: 'do not copy' });
    fs.symlinkSync(dir.resolve('secret'), path.join(workspace(), 'leak.txt'));
    const ctx = context({ name: 'orders-db' });
    await action().handler(ctx);
    expect(fs.existsSync(path.join(root(), 'orders-db', 'leak.txt'))).toBe(
      false,
    );
  });

  it('refuses to overwrite an earlier publication unless asked to', async () => {
    await action().handler(context({ name: 'orders-db' }));
    await expect(
      action().handler(context({ name: 'orders-db' })),
    ).rejects.toThrow(/already exists/);
    fs.writeFileSync(
      path.join(workspace(), 'catalog-info.yaml'),
      'kind: Resource # v2\n',
    );
    await action().handler(context({ name: 'orders-db', overwrite: true }));
    expect(
      fs.readFileSync(
        path.join(root(), 'orders-db', 'catalog-info.yaml'),
        'utf8',
      ),
    ).toContain('v2');
  });

  it('refuses a workspace without catalog-info.yaml, naming the missing file', async () => {
    fs.rmSync(path.join(workspace(), 'catalog-info.yaml'));
    await expect(
      action().handler(context({ name: 'orders-db' })),
    ).rejects.toThrow(/catalog-info\.yaml/);
  });

  it('explains the config key when local publishing is not configured', async () => {
    const unconfigured = createPublishLocalAction({
      config: mockServices.rootConfig({ data: {} }),
    });
    await expect(
      unconfigured.handler(context({ name: 'orders-db' })),
    ).rejects.toThrow(/postgresHa\.localPublish\.directory/);
  });

  it('runs each documented example', async () => {
    for (const example of action().examples ?? []) {
      fs.rmSync(root(), { recursive: true, force: true });
      const step = yaml.parse(example.example).steps[0];
      if (step.input.sourcePath) {
        dir.addContent({
          [`workspace/${step.input.sourcePath}/catalog-info.yaml`]:
            'kind: Resource\n',
        });
      }
      const ctx = context(step.input);
      await action().handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'directory',
        path.join(root(), step.input.name),
      );
    }
  });
});
