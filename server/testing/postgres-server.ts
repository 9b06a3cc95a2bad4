import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own (`initdb` in a temporary folder, its own port, trust auth,
 * TCP on 127.0.0.1 only): stop and start it at will, never the machine's shared one.
 */
export interface TestPostgres {
  /** The cluster's `postgres` database. */
  url: string;
  port: number;
  /** Starts the cluster again after `stop()`. */
  start(): Promise<void>;
  /** Stops it at once (`pg_ctl stop -m immediate`: no checkpoint, as a crash; recovery on start). */
  stop(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
  /** The server's own log so far. */
  log(): string;
}

/** initdb refuses to run as root: as root, every PostgreSQL command runs as the `postgres` user. */
function asOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function pg(command: string, args: string[], timeoutMs = 60_000): Promise<void> {
  const [file, argv] = asOwner(command, args);
  try {
    await run(file, argv, { timeout: timeoutMs });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-pg-'));
  if (process.getuid?.() === 0) {
    const owner = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(root, owner('-u'), owner('-g'));
  }
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'postgres.log');
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    // The socket in the test's folder: nothing of the machine's cluster is touched.
    `-c unix_socket_directories=${root}`,
    '-c shared_buffers=16MB',
    '-c max_connections=60',
  ].join(' ');
  let running = false;
  const stopNow = () => {
    if (!running) return;
    running = false;
    const [file, argv] = asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, argv, { stdio: 'ignore', timeout: 30_000 });
  };
  // A test that dies halfway must not leave a postmaster behind.
  process.once('exit', stopNow);

  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const server: TestPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], 90_000);
      running = true;
    },
    async stop() {
      if (!running) return;
      await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    async destroy() {
      await server.stop().catch(() => stopNow());
      process.off('exit', stopNow);
      fs.rmSync(root, { recursive: true, force: true });
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
  };
  try {
    await server.start();
  } catch (err) {
    await server.destroy();
    throw err;
  }
  return server;
}
