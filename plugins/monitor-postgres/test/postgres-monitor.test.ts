import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import postgresPlugin, { postgresMonitor } from '../src/index.ts';
import { connectionVerdict } from '../src/postgres-monitor.ts';

/** Against the real PostgreSQL test server. */
describe('PostgreSQL monitor', () => {
  let h: MonitorHarness;
  let url: string;
  beforeAll(async () => {
    h = await startMonitorHarness(postgresPlugin);
    if (!h.t.databaseUrl) throw new Error('The PostgreSQL monitor is tested against a PostgreSQL server: set TEST_DATABASE_URL (the README\'s test command does); the embedded database has no server to monitor');
    url = h.t.databaseUrl;
  });
  afterAll(async () => h?.close());

  const config = (over: Record<string, unknown> = {}) => ({ connectionString: url, query: 'SELECT 1', connectionWarnRatio: 0.9, ...over });

  it('runs a real query and reports connection usage', async () => {
    await h.configure({ connectionString: url, query: "SELECT count(*) FROM kernel_migrations" });
    const view = await h.check('postgres');
    expect(view.status).toBe('healthy');
    expect(view.message).toMatch(/^query ok, \d+\/\d+ connections$/);
    expect(view.details).toMatchObject({ serverVersion: expect.stringMatching(/^\d+/), replica: false, rows: 1 });
    const svc = (await h.t.inject('/api/health/services/postgres')).json();
    expect(svc).toMatchObject({ tier: 'critical', intervalSeconds: 60, thresholds: { degradedMs: 1000, unhealthyMs: 2000 } });
  });

  it('names SQL errors by SQLSTATE without revealing the connection string', async () => {
    const noDb = await runMonitorCheck(postgresMonitor, config({ connectionString: url.replace(/\/[^/]+$/, '/no_such_database_xyz') }), { timeoutMs: 3000 });
    expect(noDb.status).toBe('unhealthy');
    expect(noDb.message).toMatch(/^PostgreSQL error 3D000/);
    const badQuery = await runMonitorCheck(postgresMonitor, config({ query: 'SELEC 1' }), { timeoutMs: 3000 });
    expect(badQuery.message).toMatch(/^PostgreSQL error 42601/);
    expect(JSON.stringify([noDb, badQuery])).not.toContain(url);
  });

  it('times out a slow query', async () => {
    const r = await runMonitorCheck(postgresMonitor, config({ query: 'SELECT pg_sleep(3)' }), { timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'timed out after 300 ms' });
  });

  it('reports a refused connection', async () => {
    const r = await runMonitorCheck(postgresMonitor, config({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' }), { timeoutMs: 3000 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'connection refused' });
  });

  it('degrades when the connection pool is nearly full', () => {
    expect(connectionVerdict(95, 100, 0.9)).toBe('degraded');
    expect(connectionVerdict(12, 100, 0.9)).toBe('healthy');
  });
});
