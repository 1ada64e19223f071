import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A live reader of the plugin's server-sent events, as a browser would hold it open. */
export interface EventReader {
  readonly events: ClusterStatus[];
  /** Resolves with the first event (already received or future) that matches. */
  waitFor(
    match: (status: ClusterStatus) => boolean,
    timeoutMs: number,
  ): Promise<ClusterStatus>;
  close(): void;
}

export function readEvents(
  server: http.Server,
  path: string,
): Promise<EventReader> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const events: ClusterStatus[] = [];
    const waiters = new Set<() => void>();
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: { accept: 'text/event-stream' },
      },
      res => {
        if (res.statusCode !== 200) {
          reject(new Error(`event stream answered HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        let buffer = '';
        // close() aborts the response; that is expected, not a failure.
        res.on('error', () => undefined);
        res.setEncoding('utf8');
        res.on('data', chunk => {
          buffer += chunk;
          for (
            let end = buffer.indexOf('\n\n');
            end >= 0;
            end = buffer.indexOf('\n\n')
          ) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find(l => l.startsWith('data: '));
            if (block.includes('event: status') && data) {
              events.push(JSON.parse(data.slice(6)));
              waiters.forEach(w => w());
            }
          }
        });
        resolve({
          events,
          waitFor(match, timeoutMs) {
            return new Promise((done, fail) => {
              let timer: NodeJS.Timeout | undefined = undefined;
              const check = () => {
                const found = events.find(match);
                if (found) {
                  waiters.delete(check);
                  clearTimeout(timer);
                  done(found);
                }
              };
              timer = setTimeout(() => {
                waiters.delete(check);
                fail(
                  new Error(
                    `no matching event within ${timeoutMs} ms (${events.length} events received)`,
                  ),
                );
              }, timeoutMs);
              waiters.add(check);
              check();
            });
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}
