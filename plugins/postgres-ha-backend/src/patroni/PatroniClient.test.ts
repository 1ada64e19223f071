import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamFailure } from '../errors';
import { PatroniClient } from './PatroniClient';

/** A local HTTP server standing in for one Patroni REST API; records what it is asked. */
async function patroniLike(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  const seen: { path?: string; authorization?: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => {
      body += c;
    });
    req.on('end', () => {
      seen.push({
        path: req.url,
        authorization: req.headers.authorization,
        body,
      });
      answer(req, res);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    server,
  };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

function client(
  urls: string[],
  extra: { username?: string; password?: string; timeoutMs?: number } = {},
) {
  return PatroniClient.create({
    cluster: {
      name: 'vm',
      urls,
      username: extra.username,
      password: extra.password,
    },
    timeoutMs: extra.timeoutMs ?? 2000,
  });
}

async function failure(promise: Promise<unknown>): Promise<UpstreamFailure> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(UpstreamFailure);
  return error;
}

describe('PatroniClient', () => {
  it('sends configured credentials as basic auth and falls through to the next member when one is down', async () => {
    const patroni = await patroniLike((_req, res) =>
      res.end(
        JSON.stringify({
          members: [{ name: 'pg0', role: 'leader', state: 'running' }],
        }),
      ),
    );
    servers.push(patroni.server);
    const result = await client(['http://127.0.0.1:9', patroni.url], {
      username: 'admin',
      password: 's3cret',
    }).cluster();
    expect(result).toEqual({
      members: [{ name: 'pg0', role: 'leader', state: 'running' }],
      baseUrl: patroni.url,
    });
    expect(patroni.seen[0].authorization).toBe(
      `Basic ${Buffer.from('admin:s3cret').toString('base64')}`,
    );
  });

  it('maps a refused password to PatroniUnauthorized without echoing it', async () => {
    const patroni = await patroniLike((_req, res) => {
      res.statusCode = 401;
      res.end('no auth header received');
    });
    servers.push(patroni.server);
    const error = await failure(
      client([patroni.url], {
        username: 'admin',
        password: 's3cret',
      }).switchover('pg0', 'pg1'),
    );
    expect(error.type).toBe('PatroniUnauthorized');
    expect(error.message).toContain(
      'check postgresHa.patroni.clusters[vm].username/password',
    );
    expect(error.message).not.toContain('s3cret');
  });

  it('names unreachable members by host only, never by URL user info', async () => {
    const error = await failure(
      client(['http://user:pw@127.0.0.1:9']).cluster(),
    );
    expect(error.type).toBe('PatroniUnreachable');
    expect(error.message).toBe(
      "No Patroni member of cluster 'vm' answered: Patroni http://127.0.0.1:9/cluster is unreachable (is Patroni running?)",
    );
  });

  it('turns a slow member into Timeout and a non-JSON answer into MalformedResponse', async () => {
    const slow = await patroniLike(() => undefined);
    const garbled = await patroniLike((_req, res) =>
      res.end('<html>proxy error</html>'),
    );
    servers.push(slow.server, garbled.server);
    expect(
      (await failure(client([slow.url], { timeoutMs: 200 }).cluster())).type,
    ).toBe('Timeout');
    expect((await failure(client([garbled.url]).cluster())).type).toBe(
      'MalformedResponse',
    );
  });

  it('asks only configured URLs: a member API URL from an answer that is not configured is not contacted', async () => {
    const patroni = await patroniLike((_req, res) =>
      res.end('{"state":"running"}'),
    );
    servers.push(patroni.server);
    const c = client([patroni.url]);
    expect(
      await c.memberStatus('http://169.254.169.254/patroni'),
    ).toBeUndefined();
    expect(await c.memberStatus(`${patroni.url}/patroni`)).toEqual({
      state: 'running',
    });
    expect(patroni.seen.map(s => s.path)).toEqual(['/patroni']);
  });

  it('posts the switchover with leader and candidate and returns Patroni’s message', async () => {
    const patroni = await patroniLike((_req, res) =>
      res.end('Successfully switched over to "pg1"'),
    );
    servers.push(patroni.server);
    expect(await client([patroni.url]).switchover('pg0', 'pg1')).toBe(
      'Successfully switched over to "pg1"',
    );
    expect(JSON.parse(patroni.seen[0].body)).toEqual({
      leader: 'pg0',
      candidate: 'pg1',
    });
  });

  it('reports DcsUnavailable with the DCS age when /cluster gets no answer but /patroni does (Patroni 3.0 with etcd stopped)', async () => {
    const lastSeen = Math.round(Date.now() / 1000) - 13;
    const patroni = await patroniLike((req, res) => {
      if (req.url === '/cluster') {
        // What Patroni 3.0 does when its etcd3 read fails: closes without a response.
        res.socket?.destroy();
        return;
      }
      res.end(
        JSON.stringify({
          state: 'running',
          role: 'replica',
          server_version: 150004,
          dcs_last_seen: lastSeen,
        }),
      );
    });
    servers.push(patroni.server);
    const error = await failure(client([patroni.url]).cluster());
    expect(error.type).toBe('DcsUnavailable');
    expect(error.message).toMatch(
      new RegExp(
        `^Patroni of cluster 'vm' runs \\(${patroni.url}/patroni answers\\) but cannot read its DCS; it last reached the DCS 1[34] s ago: check etcd`,
      ),
    );
  });

  it('keeps PatroniUnreachable when no member answers at all', async () => {
    const error = await failure(client(['http://127.0.0.1:9']).cluster());
    expect(error.type).toBe('PatroniUnreachable');
  });
});
