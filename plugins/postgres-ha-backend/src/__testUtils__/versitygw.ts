import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './closedPort';
import { readRecordedArchive } from './recordedArchive';
import { goTool, startServerProcess, waitForPort } from './serverProcess';

/** The key pair versitygw accepts, and its region, unless a test gives others. */
export const S3_TEST_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'eu-central-1',
};

/**
 * versitygw (Go module github.com/versity/versitygw, pinned in scripts/lib/object-stores), an
 * S3 server, on 127.0.0.1 with a free port, its posix backend on a temporary folder holding the
 * recorded archive as files: S3's LastModified is a file's mtime, so the recorded upload times
 * are served as recorded.
 */
export async function startVersitygw(credentials = S3_TEST_KEY) {
  const root = await mkdtemp(path.join(tmpdir(), 'pgha-versitygw-'));
  const { bucket, objects } = readRecordedArchive('acid-orders');
  for (const object of objects) {
    const file = path.join(root, bucket, object.key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      object.body
        ? JSON.stringify(object.body)
        : `recorded WAL-G object ${object.key}`,
    );
    const modified = new Date(object.lastModified);
    await utimes(file, modified, modified);
  }
  const port = await freePort();
  const server = await startServerProcess({
    command: goTool('VERSITYGW_BIN', 'versitygw'),
    args: [
      ...['--access', credentials.accessKeyId],
      ...['--secret', credentials.secretAccessKey],
      ...['--region', credentials.region, '--port', `127.0.0.1:${port}`],
      ...['--quiet', 'posix', '--nometa', root],
    ],
    ready: /single account mode/,
  });
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
