import path from 'node:path';
import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/** Where `postgres:publish:local` writes, relative to the backend's working directory. */
export const LOCAL_PUBLISH_DIRECTORY_KEY = 'postgresHa.localPublish.directory';

/** The file every published cluster directory carries; the catalog location globs for it. */
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** Absolute path of the local publish directory, or a clear error naming the config key. */
export function readLocalPublishRoot(config: RootConfigService): string {
  const directory = config.getOptionalString(LOCAL_PUBLISH_DIRECTORY_KEY);
  if (!directory) {
    throw new InputError(
      `Local publishing is not configured: set ${LOCAL_PUBLISH_DIRECTORY_KEY} in app-config.yaml ` +
        `(or publish to a git host with publish:github and friends instead)`,
    );
  }
  return path.resolve(directory);
}

/**
 * The catalog location that picks up every published cluster. It must be listed under
 * `catalog.locations` (type `file`) so entities come back after a restart of the
 * in-memory catalog, and so registration needs no `file` locations added through the API.
 */
export function localPublishLocationTarget(root: string): string {
  return path.join(root, '*', CATALOG_INFO_FILE);
}
