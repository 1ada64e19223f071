import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** `http://127.0.0.1:<port>` of a port that was just free and is closed again (ECONNREFUSED). */
export async function closedPortUrl(): Promise<string> {
  const closed = http.createServer();
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>(resolve => closed.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
