import { createTestKernel as createKernelOnDatabase, type TestKernel, type TestKernelOptions } from '@platform/core/testing';

export type { TestKernel, TestKernelOptions };

/**
 * The database a test kernel boots on when the test does not say: a fresh database on the PostgreSQL server of
 * `TEST_DATABASE_URL` when it is set, else a throw-away embedded PGlite (no server needed).
 */
export function defaultTestDatabase(env: NodeJS.ProcessEnv = process.env): 'server' | 'embedded' {
  return env.TEST_DATABASE_URL ? 'server' : 'embedded';
}

/**
 * Boots a real kernel with only the given plugins on a fresh database and returns an `inject()` already signed
 * in as the identity you choose (default: the super admin).
 */
export function createTestKernel(options: TestKernelOptions = {}): Promise<TestKernel> {
  return createKernelOnDatabase({ ...options, database: options.database ?? (options.databaseUrl ? undefined : defaultTestDatabase()) });
}
