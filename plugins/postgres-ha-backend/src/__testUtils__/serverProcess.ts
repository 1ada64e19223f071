import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

/**
 * The path of a server program built from its Go module by scripts/lib/object-stores.sh:
 * `$<envVar>`, else `.tools/go/bin/<name>` of this repository.
 */
export function goTool(envVar: string, name: string): string {
  const built = path.resolve(__dirname, '../../../../.tools/go/bin', name);
  const found = [process.env[envVar], built].find(p => p && existsSync(p));
  if (!found) {
    throw new Error(
      `${name} is missing (${envVar} unset and ${built} absent): run scripts/test, which builds it through scripts/lib/object-stores.sh`,
    );
  }
  return found;
}

/** A server program started by a test; `stop` ends it (and waits for that). */
export interface ServerProcess {
  /** The match of `ready` in its output. */
  ready: RegExpMatchArray;
  stop(): Promise<void>;
}

/**
 * Starts `command` and waits (at most `timeoutMs`) until its stdout or stderr
 * matches `ready`; fails with its output when it exits or takes longer.
 */
export function startServerProcess(options: {
  command: string;
  args: string[];
  env?: Record<string, string>;
  ready: RegExp;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const { command, args, env, ready, timeoutMs = 30_000 } = options;
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  let output = '';
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const fail = (why: string) => {
      clearTimeout(timer);
      stop().then(() =>
        reject(new Error(`${command} ${why}; its output:\n${output}`)),
      );
    };
    timer = setTimeout(
      () => fail(`did not get ready within ${timeoutMs} ms`),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ ready: match, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', error => fail(`could not start (${error.message})`));
    child.once('exit', code => fail(`exited with ${code}`));
  });
}

/** Resolves once 127.0.0.1:`port` accepts connections; fails after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>(resolve => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => resolve(true))
        .once('error', () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
    if (open) return;
    if (Date.now() > deadline) {
      throw new Error(
        `nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
