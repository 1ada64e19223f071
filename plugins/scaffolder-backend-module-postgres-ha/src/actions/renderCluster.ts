import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CATALOG_INFO_PATH,
  clusterEntityRef,
  renderCluster,
} from '@pgha/plugin-postgres-ha-common';
import { withKubernetesCluster } from './kubernetesClusterAnnotation';
import { examples } from './renderCluster.examples';
import { requireValidSettings, settingsInput } from './settingsInput';

export const RENDER_CLUSTER_ACTION_ID = 'postgres:cluster:render';

/**
 * Renders cluster settings into files for their target, inside the workspace. Rendering is
 * pure and the workspace is the task's own scratch space (a temporary one on dry runs), so
 * a dry run writes the same files there, which is what the template editor previews.
 */
export function createRenderClusterAction() {
  return createTemplateAction({
    id: RENDER_CLUSTER_ACTION_ID,
    description:
      'Validates PostgreSQL HA cluster settings and writes the files of their target (kubernetes manifests, helm chart or compose stack) into the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...settingsInput,
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory to write into; defaults to the workspace root',
            ),
        kubernetesCluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Configured Kubernetes cluster the database runs on; written as the entity annotation postgres-ha/kubernetes-cluster (kubernetes and helm targets)',
            ),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Written files, relative to the workspace'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Workspace-relative path of the generated catalog-info.yaml',
            ),
        entityRef: z =>
          z.string().describe('Reference of the cluster Resource entity'),
        target: z => z.string().describe('Target the files were rendered for'),
      },
    },
    async handler(ctx) {
      const settings = requireValidSettings(ctx.input.settings);
      const files = withKubernetesCluster(
        renderCluster(settings),
        settings.target === 'compose' ? undefined : ctx.input.kubernetesCluster,
      );
      const base = ctx.input.targetPath ?? '.';
      const root = resolveSafeChildPath(ctx.workspacePath, base);
      const written: string[] = [];
      for (const file of files) {
        const destination = resolveSafeChildPath(root, file.path);
        await fs.mkdir(path.dirname(destination), { recursive: true });
        await fs.writeFile(destination, file.content, 'utf8');
        written.push(path.relative(ctx.workspacePath, destination));
      }
      ctx.logger.info(
        `${ctx.isDryRun ? 'dry run: ' : ''}rendered ${written.length} ${
          settings.target
        } files for ${settings.cluster.name} into ${base}`,
      );
      ctx.output('files', written);
      ctx.output(
        'catalogInfoPath',
        path.relative(ctx.workspacePath, path.join(root, CATALOG_INFO_PATH)),
      );
      ctx.output('entityRef', clusterEntityRef(settings));
      ctx.output('target', settings.target);
    },
  });
}
