import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';

describe('/livez and /readyz', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel();
  });
  afterAll(async () => t?.close());

  it('are public, outside /api, and answer 200 on a healthy instance', async () => {
    const live = await t.kernel.app.inject('/livez');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'live' });
    const ready = await t.kernel.app.inject('/readyz');
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'available', pendingMigrations: 0 });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('/readyz is 503 migrations_pending while a migration this instance knows is not applied', async () => {
    const [row] = await t.sql<{ owner: string; name: string }>(`SELECT owner, name FROM kernel_migrations ORDER BY applied_at DESC, name DESC LIMIT 1`);
    await t.sql(`DELETE FROM kernel_migrations WHERE owner = $1 AND name = $2`, [row.owner, row.name]);
    try {
      const ready = await t.kernel.app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toContain('application/problem+json');
      expect(ready.json()).toMatchObject({ code: 'migrations_pending', pendingMigrations: 1 });
      expect((await t.kernel.app.inject('/livez')).statusCode).toBe(200);
    } finally {
      await t.sql(`INSERT INTO kernel_migrations (owner, name) VALUES ($1, $2)`, [row.owner, row.name]);
    }
    expect((await t.kernel.app.inject('/readyz')).statusCode).toBe(200);
  });
});
