import fs from 'node:fs';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DataDirLockError } from '../db/data-dir-lock';
import { DataDirDamagedError } from '../db/pglite-dir';
import { createLogger } from './log';
import type { DemoLogin } from './services/demo/seed-demo';

/** The process must be gone within this after SIGTERM/SIGINT, whatever hangs. */
const EXIT_DEADLINE_MS = 5000;

function printDemoLogins(logins: DemoLogin[], url: string): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    '',
    `  Mixroom demo logins (open ${url}/sign-in):`,
    ...logins.map((l) => `    ${l.role.padEnd(10)} ${l.email.padEnd(width)}  ${l.password}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let app: RunningApp;
  try {
    app = await startApp({ config, log });
  } catch (err) {
    if (err instanceof DataDirLockError || err instanceof DataDirDamagedError) {
      process.stderr.write(`mixroom: ${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  const loginsFile = path.join(config.dataDir, 'demo-logins.txt');
  if (app.demoLogins.length > 0) {
    fs.writeFileSync(loginsFile, printDemoLogins(app.demoLogins, app.ctx.config.publicUrl), { mode: 0o600 });
  }
  if (config.demo && fs.existsSync(loginsFile)) process.stdout.write(fs.readFileSync(loginsFile, 'utf8'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Only now: whoever waits for this line may signal at once, and must find the handlers installed
  // (a SIGTERM between the line and them killed the process outright, exit code null).
  log.info({ url: app.ctx.config.publicUrl, db: app.ctx.database.kind, version: app.ctx.version }, 'Mixroom is ready');
}

main().catch((err) => {
  process.stderr.write(`mixroom: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
