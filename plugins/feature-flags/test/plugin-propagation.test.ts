import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { createFlag, json } from './support/flag-test-kit.ts';

/** Two instances on one database: a change made on one reaches the other's in-process cache within a second. */
describe('feature-flags plugin: propagation across instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: TestKernel;
  let two: TestKernel;
  beforeAll(async () => {
    db = await createTestDatabase();
    one = await createTestKernel({ plugins: [featureFlags], databaseUrl: db.url });
    two = await createTestKernel({ plugins: [featureFlags], databaseUrl: db.url });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  const valueOn = async (t: TestKernel, key: string) =>
    (await t.inject({ method: 'POST', url: '/api/feature-flags/evaluate', ...json({ flag: key }) })).json().value;

  async function waitFor(t: TestKernel, key: string, expected: unknown, timeoutMs = 1000): Promise<number> {
    const start = performance.now();
    for (;;) {
      if ((await valueOn(t, key)) === expected) return performance.now() - start;
      if (performance.now() - start > timeoutMs) throw new Error(`${key} did not become ${String(expected)} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('seeds the platform flags once for both instances', async () => {
    const rows = await one.sql<{ n: string }>(`SELECT count(*) AS n FROM feature_flag_audit WHERE action = 'flag.seeded'`);
    expect(Number(rows[0].n)).toBe(14);
  });

  it('reaches the other instance within 1 s through LISTEN/NOTIFY', async () => {
    const flag = await createFlag(one, { key: 'propagate.notify', enabled: false });
    await waitFor(two, 'propagate.notify', false);
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const enabled = i % 2 === 0;
      await one.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ enabled, reason: `flip ${i}` }) });
      timings.push(await waitFor(two, 'propagate.notify', enabled));
    }
    expect(Math.max(...timings)).toBeLessThan(1000);
  });

  it('reaches the other instance within 1 s by polling when no notification comes', async () => {
    await createFlag(one, { key: 'propagate.poll', enabled: false });
    await waitFor(two, 'propagate.poll', false);
    // A change behind the plugin's back: no NOTIFY, only the version moves.
    await one.sql(`UPDATE feature_flags SET enabled = true, updated_at = now() WHERE key = 'propagate.poll'`);
    await one.sql('UPDATE feature_flags_state SET version = version + 1');
    expect(await waitFor(two, 'propagate.poll', true)).toBeLessThan(1000);
  });

  it('kills a flag on every instance in under a second', async () => {
    await createFlag(one, { key: 'propagate.kill', enabled: true });
    await waitFor(two, 'propagate.kill', true);
    await two.inject({ method: 'POST', url: '/api/feature-flags/flags/propagate.kill/kill', ...json({ reason: 'incident' }) });
    expect(await valueOn(two, 'propagate.kill')).toBe(false);
    expect(await waitFor(one, 'propagate.kill', false)).toBeLessThan(1000);
  });
});
