import fs from 'node:fs/promises';
import path from 'node:path';
import {
  RootConfigService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './publishLocal.examples';
import { CATALOG_INFO_FILE, readLocalPublishRoot } from './publishLocalConfig';

export const PUBLISH_LOCAL_ACTION_ID = 'postgres:publish:local';

/**
 * Publishes the workspace into a sub-directory of the configured local publish
 * directory: the embedded default when no git host is configured. Only regular
 * files are copied, so a symlink in the workspace cannot point the copy elsewhere.
 */
export function createPublishLocalAction(options: {
  config: RootConfigService;
}) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      'Copies the generated files into <postgresHa.localPublish.directory>/<name>, the local stand-in for a git repository.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .min(1)
            .describe(
              'Directory to create under the publish directory; one path segment, usually the cluster name',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory to publish; defaults to the whole workspace',
            ),
        overwrite: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Replace an existing directory of the same name (default false)',
            ),
      },
      output: {
        directory: z =>
          z.string().describe('Absolute path of the published directory'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(`Absolute path of the published ${CATALOG_INFO_FILE}`),
        files: z =>
          z
            .array(z.string())
            .describe('Published files, relative to the directory'),
      },
    },
    async handler(ctx) {
      const { name, sourcePath = '.', overwrite = false } = ctx.input;
      const root = readLocalPublishRoot(options.config);
      const directory = publishedDirectory(root, name);
      const source = await realDirectory(ctx.workspacePath, sourcePath);
      const files = await listRegularFiles(source);
      if (!files.includes(CATALOG_INFO_FILE)) {
        throw new InputError(
          `sourcePath '${sourcePath}' has no ${CATALOG_INFO_FILE}; run the render step first`,
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${files.length} files to ${directory}`,
        );
      } else {
        await ctx.checkpoint({
          key: `publish-local-${name}`,
          fn: async () => {
            await prepareDirectory(directory, overwrite);
            await copyFiles(source, directory, files);
          },
        });
        ctx.logger.info(`Published ${files.length} files to ${directory}`);
      }
      ctx.output('directory', directory);
      ctx.output('catalogInfoPath', path.join(directory, CATALOG_INFO_FILE));
      ctx.output('files', files);
    },
  });
}

/** `<root>/<name>`, refusing anything that is not a single, visible path segment. */
export function publishedDirectory(root: string, name: string): string {
  if (
    name !== path.basename(name) ||
    name.startsWith('.') ||
    name.includes('\\')
  ) {
    throw new InputError(
      `name '${name}' must be a single directory name (no '/', '\\' or leading '.')`,
    );
  }
  return resolveSafeChildPath(root, name);
}

/** The workspace sub-directory, refusing symlinks so the copy stays inside the workspace. */
async function realDirectory(workspacePath: string, sourcePath: string) {
  const source = resolveSafeChildPath(workspacePath, sourcePath);
  const stat = await fs.lstat(source).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(
      `sourcePath '${sourcePath}' is not a directory in the workspace`,
    );
  }
  return source;
}

async function prepareDirectory(directory: string, overwrite: boolean) {
  const exists = await fs.stat(directory).then(
    () => true,
    () => false,
  );
  if (exists && !overwrite) {
    throw new ConflictError(
      `${directory} already exists; choose another name or set overwrite: true`,
    );
  }
  await fs.rm(directory, { recursive: true, force: true });
  await fs.mkdir(directory, { recursive: true });
}

/** Relative paths of the regular files below `dir`; symlinks and specials are skipped. */
async function listRegularFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const nested = await Promise.all(
    entries.map(async entry => {
      const relative = path.join(prefix, entry.name);
      if (entry.isDirectory()) return listRegularFiles(dir, relative);
      return entry.isFile() ? [relative] : [];
    }),
  );
  return nested.flat().sort();
}

async function copyFiles(source: string, target: string, files: string[]) {
  for (const file of files) {
    const destination = resolveSafeChildPath(target, file);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.copyFile(path.join(source, file), destination);
  }
}
