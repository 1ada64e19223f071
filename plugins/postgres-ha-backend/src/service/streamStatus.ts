import type { ClusterStatus } from '@pgha/plugin-postgres-ha-common';
import type { Request, Response } from 'express';

const HEARTBEAT_MS = 15_000;

/**
 * Serves server-sent events: `event: status` with each changed snapshot, and a
 * comment line now and then so proxies keep the connection open.
 */
export function streamStatus(
  req: Request,
  res: Response,
  subscribe: (listener: (status: ClusterStatus) => void) => () => void,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // A compression middleware buffers unless flushed.
  const flush = () => (res as Response & { flush?: () => void }).flush?.();
  res.write(': connected\n\n');
  flush();
  const unsubscribe = subscribe(status => {
    res.write(`event: status\ndata: ${JSON.stringify(status)}\n\n`);
    flush();
  });
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    flush();
  }, HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
