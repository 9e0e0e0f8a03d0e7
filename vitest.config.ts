import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/test/**/*.test.ts', 'sdk/test/**/*.test.ts', 'plugins/*/test/**/*.test.ts', 'test/**/*.test.ts', 'admin-ui/test/**/*.test.{ts,tsx}', 'test/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', 'test/.artifacts/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
  },
});
