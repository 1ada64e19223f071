import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port on 127.0.0.1 that was just free and is closed again. */
export async function freePort(): Promise<number> {
  const closed = http.createServer();
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>(resolve => closed.close(() => resolve()));
  return port;
}

/** `http://127.0.0.1:<port>` of a port that was just free and is closed again (ECONNREFUSED). */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
