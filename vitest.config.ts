import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'modules/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'apps/web/app/**/*.test.ts',
      'apps/web/e2e/**/*.test.ts',
    ],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    reporters: ['default', './packages/testing/src/summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { NODE_ENV: 'test' },
    coverage: {
      provider: 'v8',
      include: ['apps/server/src/**', 'apps/sandbox/src/**', 'modules/*/src/**', 'packages/platform/src/**'],
      exclude: ['**/*.test.ts', '**/testing.ts', 'apps/server/src/cli/sauda.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
