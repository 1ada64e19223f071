import fs from 'node:fs/promises';
import {
  BackstageCredentials,
  RootConfigService,
  isChildPath,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { examples } from './registerLocal.examples';
import {
  LOCAL_PUBLISH_DIRECTORY_KEY,
  localPublishLocationTarget,
  readLocalPublishRoot,
} from './publishLocalConfig';

export const REGISTER_LOCAL_ACTION_ID = 'postgres:catalog:register-local';

const POLL_INTERVAL_MS = 1000;

/**
 * Registers a locally published catalog-info.yaml. The catalog API only accepts `url`
 * locations, so instead of adding a `file` location this refreshes the configured
 * `file` location that globs the publish directory, then waits for the entity.
 */
export function createRegisterLocalAction(options: {
  config: RootConfigService;
  catalog: CatalogService;
  pollIntervalMs?: number;
}) {
  const { config, catalog, pollIntervalMs = POLL_INTERVAL_MS } = options;
  return createTemplateAction({
    id: REGISTER_LOCAL_ACTION_ID,
    description:
      'Makes the catalog ingest a catalog-info.yaml written by postgres:publish:local and waits until its entity exists.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the published catalog-info.yaml (output catalogInfoPath of postgres:publish:local)',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .optional()
            .describe('How long to wait for the entity to appear (default 60)'),
      },
      output: {
        entityRef: z =>
          z.string().describe('Reference of the registered entity'),
        locationRef: z =>
          z
            .string()
            .describe('The catalog location that covers the publish directory'),
      },
    },
    async handler(ctx) {
      const { catalogInfoPath, timeoutSeconds = 60 } = ctx.input;
      const root = readLocalPublishRoot(config);
      if (!isChildPath(root, catalogInfoPath) || catalogInfoPath === root) {
        throw new InputError(
          `catalogInfoPath '${catalogInfoPath}' is not inside ${LOCAL_PUBLISH_DIRECTORY_KEY} (${root})`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${catalogInfoPath}`);
        return;
      }
      const entityRef = await mainEntityRef(catalogInfoPath);
      const credentials = await ctx.getInitiatorCredentials();
      const locationRef = await refreshPublishLocation(
        catalog,
        credentials,
        root,
      );
      ctx.logger.info(`Refreshed ${locationRef} to ingest ${entityRef}`);

      const deadline = Date.now() + timeoutSeconds * 1000;
      while (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
        if (Date.now() > deadline) {
          throw new NotFoundError(
            `${entityRef} did not appear in the catalog within ${timeoutSeconds}s; see the errors of ${locationRef}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
      }
      ctx.output('entityRef', entityRef);
      ctx.output('locationRef', locationRef);
    },
  });
}

/** The first entity of the file: the one the template links to. */
async function mainEntityRef(catalogInfoPath: string): Promise<string> {
  const text = await fs.readFile(catalogInfoPath, 'utf8').catch(() => {
    throw new InputError(`catalogInfoPath '${catalogInfoPath}' cannot be read`);
  });
  const first = parseAllDocuments(text)[0]?.toJS();
  if (!first?.kind || !first?.metadata?.name) {
    throw new InputError(
      `${catalogInfoPath} does not start with a catalog entity`,
    );
  }
  return stringifyEntityRef(first);
}

/**
 * The Location entity that app-config's `catalog.locations` entry creates for the publish
 * directory. Its name is derived from type and target; looking it up by name also works
 * while the directory was still empty (such a location never becomes a visible entity).
 */
async function refreshPublishLocation(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  root: string,
): Promise<string> {
  const target = localPublishLocationTarget(root);
  const locationRef = `location:default/${locationSpecToMetadataName({
    type: 'file',
    target,
  })}`;
  try {
    await catalog.refreshEntity(locationRef, { credentials });
  } catch (e) {
    throw new InputError(
      `No catalog location reads the publish directory (${
        (e as Error).message
      }): add {type: file, target: ${target}} to catalog.locations`,
    );
  }
  return locationRef;
}
