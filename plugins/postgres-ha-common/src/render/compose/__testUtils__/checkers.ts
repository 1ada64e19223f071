import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readUpstream } from '../../../__testUtils__/upstream';
import { requireTool, run, type RunResult } from '../../../__testUtils__/tools';

/** The Compose Specification's JSON schema (2020-12) that compose-go embeds (pinned in tools/consumers). */
export function composeSpecValidator() {
  const schema = JSON.parse(readUpstream('compose-spec.json'));
  if (!String(schema.$schema).includes('2020-12')) {
    throw new Error(
      `compose-spec.json declares ${schema.$schema}; the test expects 2020-12`,
    );
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

export const haproxyCheck = (file: string): RunResult =>
  run(requireTool('HAPROXY_BIN', '/usr/sbin/haproxy'), ['-c', '-f', file]);

export const patroniValidate = (file: string): RunResult =>
  run(requireTool('PATRONI_BIN', '/usr/bin/patroni'), [
    '--validate-config',
    file,
  ]);

/**
 * Starts the real PgBouncer on 127.0.0.1 with `ini` and reports whether it came up:
 * PgBouncer parses its whole config at start and exits on any error. Only paths,
 * the listen address and the port are adapted to this machine.
 */
export async function pgbouncerLoads(
  ini: string,
  dir: string,
  port: number,
): Promise<RunResult> {
  const bin = requireTool('PGBOUNCER_BIN', '/usr/sbin/pgbouncer');
  fs.chmodSync(dir, 0o777);
  const userlist = path.join(dir, 'userlist.txt');
  fs.writeFileSync(userlist, '"postgres" "placeholder"\n');
  const adapted = ini
    .replace(/^listen_addr = .*$/m, 'listen_addr = 127.0.0.1')
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(
      /^auth_file = .*$/m,
      `auth_file = ${userlist}\nunix_socket_dir =\npidfile =\nlogfile =`,
    );
  const file = path.join(dir, 'pgbouncer.ini');
  fs.writeFileSync(file, adapted);
  // PgBouncer refuses to run as root; -u drops to an unprivileged user.
  const args = process.getuid?.() === 0 ? ['-u', 'nobody', file] : [file];
  return new Promise(resolve => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // A config that neither fails nor comes up in 10 s counts as failed: the exit resolves.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      resolve({ ok, output });
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('process up')) finish(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => finish(output.includes('process up')));
  });
}

/**
 * Compose's interpolation of one string: `$$` is a literal `$`, `${NAME…}` and `$NAME`
 * read the environment. Returns the names referenced and the literal result.
 */
export function interpolate(text: string, env: Record<string, string>) {
  const names: string[] = [];
  const value = text.replace(
    /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, __, braced, bare) => {
      if (!braced && !bare) return '$';
      const name = braced ?? bare;
      names.push(name);
      return env[name] ?? '';
    },
  );
  return { names, value };
}
