/*
 * A backend replica in a process of its own, so a test can kill it (SIGKILL)
 * mid-operation: the plugin in a test backend with the config given as the
 * first argument (JSON). Prints {"port": N} once it listens.
 * Run: node -r @backstage/cli/config/nodeTransform.cjs replicaProcess.ts '<config>'
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AddressInfo } from 'node:net';
import { postgresHaPlugin } from '../plugin';
import { labClusterEntity } from './startPluginBackend';

async function main() {
  const backend = await startTestBackend({
    features: [
      postgresHaPlugin,
      mockServices.rootConfig.factory({ data: JSON.parse(process.argv[2]) }),
      catalogServiceMock.factory({ entities: [labClusterEntity] }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
