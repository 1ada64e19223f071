import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRenderClusterAction } from './renderCluster';
import { createValidateClusterAction } from './validateCluster';
import { examples as renderExamples } from './renderCluster.examples';
import { examples as validateExamples } from './validateCluster.examples';

const dir = createMockDirectory();
const workspace = () => dir.resolve('workspace');
const context = (input: Record<string, unknown>, isDryRun = false) => ({
  ...createMockActionContext({
    input: input as any,
    workspacePath: workspace(),
  }),
  isDryRun,
});
const exampleInput = (example: string) => yaml.parse(example).steps[0].input;

beforeEach(() => {
  dir.clear();
  dir.setContent({ workspace: {} });
});

describe('postgres:cluster:render', () => {
  it.each(renderExamples.map(e => [e.description, e.example]))(
    'example "%s" writes the target files and reports them',
    async (_description, example) => {
      const input = exampleInput(example);
      const ctx = context(input);
      await createRenderClusterAction().handler(ctx);
      const base = input.targetPath ?? '';
      const catalogPath = path.join(base, 'catalog-info.yaml');
      expect(ctx.output).toHaveBeenCalledWith('catalogInfoPath', catalogPath);
      const entity = yaml.parse(
        fs.readFileSync(path.join(workspace(), catalogPath), 'utf8'),
      );
      expect(entity.kind).toBe('Resource');
      expect(
        entity.metadata.annotations['postgres-ha/kubernetes-cluster'],
      ).toBe(input.kubernetesCluster);
      const files = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'files',
      )[1];
      expect(files).toContain(path.join(base, 'manifests', 'postgresql.yaml'));
      for (const file of files)
        expect(fs.existsSync(path.join(workspace(), file))).toBe(true);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        `resource:default/${input.settings.cluster.name}`,
      );
    },
  );

  it('writes the same files into the temporary workspace on a dry run', async () => {
    const input = exampleInput(renderExamples[0].example);
    const ctx = context(input, true);
    await createRenderClusterAction().handler(ctx);
    expect(fs.readdirSync(workspace()).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'manifests',
    ]);
  });

  it('fails with an InputError naming each invalid field and writes nothing', async () => {
    const ctx = context({
      settings: {
        cluster: { name: 'Bad_Name', team: 'acid', owner: 'dba' },
        postgresql: { version: 13 },
      },
    });
    await expect(createRenderClusterAction().handler(ctx)).rejects.toThrow(
      /cluster\.name: cluster name must be a DNS-1123 label[\s\S]*postgresql\.version: PostgreSQL 13 .*v1\.15/,
    );
    expect(fs.readdirSync(workspace())).toEqual([]);
  });

  it.each(['../outside', '/etc'])(
    'refuses targetPath %p outside the workspace',
    async targetPath => {
      const input = { ...exampleInput(renderExamples[0].example), targetPath };
      await expect(
        createRenderClusterAction().handler(context(input)),
      ).rejects.toThrow(/outside its parent/i);
    },
  );
});

describe('postgres:cluster:validate', () => {
  it.each(validateExamples.map(e => [e.description, e.example]))(
    'example "%s" reports valid settings',
    async (_description, example) => {
      const ctx = context(exampleInput(example));
      await createValidateClusterAction().handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('valid', true);
      expect(ctx.output).toHaveBeenCalledWith('errors', []);
    },
  );

  it('outputs the errors and fails with a readable list naming the fields (no stack trace in the task log)', async () => {
    const ctx = context({
      settings: {
        cluster: { name: 'orders', team: 'acid', owner: 'dba' },
        topology: { instances: 1, replication: 'synchronous' },
      },
    });
    const failure = await createValidateClusterAction()
      .handler(ctx)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    const list =
      'InputError: Invalid cluster settings (1 field):\ntopology.instances: synchronous replication needs at least 2 instances';
    // The task log shows the stack: the list, not a trace.
    expect(failure?.stack).toBe(list);
    expect(ctx.output).toHaveBeenCalledWith('valid', false);
    expect(ctx.output).toHaveBeenCalledWith('errors', [
      {
        path: 'topology.instances',
        message: 'synchronous replication needs at least 2 instances',
      },
    ]);
  });
});
