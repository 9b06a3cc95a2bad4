import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', '.ci/**/*.test.ts'],
    environment: 'node',
    // 2 cores: PGlite instances take ~260 MB and seconds to start each, so keep workers few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
