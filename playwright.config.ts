import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// One server for the whole run, on its own port and a throwaway data folder (one per port, so two
// checkouts can run their browser tests at once with different E2E_PORTs).
const PORT = Number(process.env.E2E_PORT ?? 3917);
// Fixed, so that specs (in their own worker processes) can read the demo logins it writes.
const dataDir = path.join(os.tmpdir(), `mixroom-e2e-${PORT}`);

export default defineConfig({
  testDir: './e2e',
  // Generous: every mixer page loads the demo song's audio (about 184 MB of PCM) and runs a live
  // AudioContext, and specs open two or three at once on a 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download does not work on this machine.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && node dist/main.mjs`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      MIXROOM_DATA_DIR: dataDir,
      MIXROOM_PUBLIC_URL: `http://localhost:${PORT}`,
      MIXROOM_DEMO: '1',
      LOG_LEVEL: 'warn',
      // Specs sign several people in from one address; the limiter itself has its own test.
      MIXROOM_AUTH_ATTEMPTS_PER_10S: '100',
      // The webhook spec's receiver listens on this machine.
      MIXROOM_WEBHOOK_ALLOW_PRIVATE: '1',
    },
  },
});
