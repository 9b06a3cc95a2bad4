import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { APP_ROOT } from '../app';

export interface SpawnedServer {
  proc: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Runs the production bundle (`dist/main.mjs`) as its own process, the way `npm start` does. */
export function spawnServer(env: Record<string, string>): Promise<SpawnedServer> {
  const proc = spawn(process.execPath, [path.join(APP_ROOT, 'dist', 'main.mjs')], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Mixroom is ready"/.exec(out);
      if (ready) {
        resolve({ proc, url: ready[1], output: () => out, exited, kill: (s = 'SIGTERM') => proc.kill(s) });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
}

/** Runs the bundle and waits for it to exit (for processes expected to refuse to start). */
export function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [path.join(APP_ROOT, 'dist', 'main.mjs')], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, output })));
}
