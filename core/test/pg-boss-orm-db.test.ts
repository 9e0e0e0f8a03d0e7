import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPgBossOrmDb, UNAWAITED_STATEMENTS } from '../src/jobs/pg-boss-orm-db.ts';
import { createTestDatabase, openKernelDatabase, type KernelDatabase, type TestDatabase } from './fixtures/kernel-test-database.ts';

/**
 * pg-boss 10 completes and fails a fetched job without awaiting (`Worker.onFetch`), so if those statements
 * reject while the database is gone the rejection is unhandled and Node ends the process.
 */
describe('pg-boss database adapter when the database is gone', () => {
  let testDb: TestDatabase;
  let db: KernelDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openKernelDatabase(testDb.url);
  });
  afterAll(async () => {
    await db?.dispose().catch(() => undefined);
    await testDb?.drop().catch(() => undefined);
  });

  it('knows the two statements pg-boss does not await', () => {
    expect([...UNAWAITED_STATEMENTS.values()].sort()).toEqual(['complete', 'fail']);
    for (const text of UNAWAITED_STATEMENTS.keys()) expect(text).toContain('pgboss.job');
  });

  it('resolves complete/fail with undefined and reports the failure; every other statement still rejects', async () => {
    const reported: Array<{ statement: string; message: string }> = [];
    const bossDb = createPgBossOrmDb(db.orm, { onUnawaitedFailure: (err, statement) => void reported.push({ statement, message: (err as Error).message }) });
    expect((await bossDb.executeSql('SELECT 1 AS one', []))?.rows).toEqual([{ one: 1 }]);

    // The database goes away under the pool (its connections are terminated, new ones refused).
    await testDb.drop();

    for (const [text, statement] of UNAWAITED_STATEMENTS) {
      await expect(bossDb.executeSql(text, ['kernel.some-job', [randomUUID()], null])).resolves.toBeUndefined();
      expect(reported.at(-1)?.statement).toBe(statement);
    }
    expect(reported).toHaveLength(2);
    await expect(bossDb.executeSql('SELECT 1 AS one', [])).rejects.toThrow();
  });
});
