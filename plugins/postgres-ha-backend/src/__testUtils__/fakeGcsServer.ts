import { Storage } from '@google-cloud/storage';
import { freePort } from './closedPort';
import { goTool, startServerProcess } from './serverProcess';

/**
 * fake-gcs-server (Go module github.com/fsouza/fake-gcs-server, pinned in
 * scripts/lib/object-stores) on 127.0.0.1 with a free port, in memory. It serves
 * GCS's JSON API but checks no credentials.
 */
export async function startFakeGcsServer() {
  const port = await freePort();
  const server = await startServerProcess({
    command: goTool('FAKE_GCS_SERVER_BIN', 'fake-gcs-server'),
    args: [
      ...['-scheme', 'http', '-host', '127.0.0.1', '-port', String(port)],
      ...['-backend', 'memory'],
    ],
    ready: /server started at/,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** A client of the server (a custom endpoint: Google's library sends no token). */
    storage: new Storage({ apiEndpoint: url, projectId: 'pgha-test' }),
    stop: server.stop,
  };
}
