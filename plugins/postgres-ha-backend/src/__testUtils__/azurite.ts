import { startServerProcess } from './serverProcess';

/**
 * Azurite's blob service (Microsoft's emulator, npm package `azurite`) on
 * 127.0.0.1 with a free port, in memory, knowing the given storage accounts.
 */
export async function startAzurite(accounts: Record<string, string>) {
  const server = await startServerProcess({
    command: process.execPath,
    args: [
      require.resolve('azurite/dist/src/blob/main.js'),
      ...['--blobHost', '127.0.0.1', '--blobPort', '0'],
      ...['--inMemoryPersistence', '--disableTelemetry', '--silent'],
      // @azure/storage-blob sends a newer x-ms-version than this Azurite release lists.
      '--skipApiVersionCheck',
    ],
    env: {
      AZURITE_ACCOUNTS: Object.entries(accounts)
        .map(([name, key]) => `${name}:${key}`)
        .join(';'),
    },
    ready: /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  return {
    /** The blob endpoint of `account` (path style, as for Azurite). */
    endpoint: (account: string) => `${server.ready[1]}/${account}`,
    stop: server.stop,
  };
}
