import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project. Module and HTTP tests share one PostgreSQL started by the global setup
 * (embedded, or TEST_DATABASE_URL); each test builds inside its own tenant, so files run in parallel.
 */
export default defineConfig({
  test: {
    env: { JIAKE_SCRYPT_LOG_N: '10', TZ: 'Asia/Shanghai' },
    projects: [
      {
        test: {
          name: 'server',
          include: ['apps/server/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
          env: { JIAKE_SCRYPT_LOG_N: '10', TZ: 'Asia/Shanghai' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          env: { JIAKE_SCRYPT_LOG_N: '10', TZ: 'Asia/Shanghai' },
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A polled check waits as long as a locator does (page.setDefaultTimeout): the page may still be fetching.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
