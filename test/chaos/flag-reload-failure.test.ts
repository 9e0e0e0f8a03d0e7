import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';

/**
 * Issue #13, item 2: one flag-snapshot reload fails (its database connection is terminated while it
 * runs) with another reload queued behind it. Before the fix the queued promise kept that rejection
 * forever, and from then on most flag PUTs committed but answered 500 until a restart.
 *
 * The fault is real: the reload is held on a lock of the overrides table (which a flag PUT does not
 * write), and its backend is ended with `pg_terminate_backend`. The kernel and the plugin's own cache are
 * the real ones, on a throwaway cluster.
 */
describe('chaos: one failed flag-snapshot reload', () => {
  let cluster: ThrowawayCluster;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestKernel;
  let admin: pg.Client;

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    db = await createTestDatabase(cluster.url);
    t = await createTestKernel({ plugins: [featureFlags], databaseUrl: db.url, config: { logLevel: 'silent' } });
    admin = new pg.Client({ connectionString: db.url, application_name: 'chaos-admin' });
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await t?.close();
    cluster?.destroy();
  });

  const json = (payload: Record<string, unknown>) => ({ payload, headers: { 'content-type': 'application/json' } });

  async function createFlag(key: string): Promise<Record<string, unknown>> {
    const res = await t.inject({ method: 'POST', url: '/api/feature-flags/flags', ...json({ key, name: key, type: 'boolean', reason: 'chaos' }) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const put = (flag: Record<string, unknown>, enabled: boolean, reason: string) =>
    t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.id}`, ...json({ ...flag, enabled, reason }) });

  async function waitForLockWaiter(table: string): Promise<number> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1 AND pid <> pg_backend_pid()`,
        [`%${table}%`],
      );
      if (rows.length) return rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no reload waited on ${table}`);
  }

  it('after a reload dies with its connection, 200 flag PUTs answer 0 5xx', async () => {
    const flags = await Promise.all(Array.from({ length: 10 }, (_, i) => createFlag(`chaos.flag-${i}`)));

    // Hold the reload: lock the overrides table, which the snapshot reads and a flag PUT does not write.
    const locker = new pg.Client({ connectionString: db.url, application_name: 'chaos-locker' });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE feature_flag_overrides IN ACCESS EXCLUSIVE MODE');

    // The first PUT commits and starts a reload that blocks; the second commits and queues its reload behind it.
    const first = put(flags[0], true, 'during the fault');
    const pid = await waitForLockWaiter('feature_flag_overrides');
    const second = put(flags[1], true, 'queued behind the failing reload');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(killed.rows[0].ok).toBe(true);
    await locker.query('ROLLBACK');
    await locker.end();

    const during = await Promise.all([first, second]);

    // 200 PUTs, ten at a time (so reloads overlap and queue behind each other).
    const statuses: number[] = [];
    await Promise.all(
      flags.map(async (flag, worker) => {
        for (let i = 0; i < 20; i++) {
          const res = await put(flag, i % 2 === 0, `chaos round ${worker}.${i}`);
          statuses.push(res.statusCode);
        }
      }),
    );
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => s >= 500).length, `5xx answers: ${statuses.filter((s) => s >= 500).join(',')}`).toBe(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Both changes made during the fault committed, so neither may have answered an error.
    expect(during.map((r) => r.statusCode)).toEqual([200, 200]);

    // A kill switch pulled now reports success, and took effect.
    const kill = await t.inject({ method: 'POST', url: `/api/feature-flags/flags/${flags[2].id}/kill`, ...json({ reason: 'chaos kill' }) });
    expect(kill.statusCode, kill.body).toBeLessThan(300);
  }, 120_000);
});
