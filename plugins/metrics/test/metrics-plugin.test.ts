import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import type { HealthOverview } from '@platform/sdk/monitors';
import { createMetricsPlugin } from '../src/index.ts';
import { createProbePlugin } from './support/probe-plugin.ts';

describe('metrics plugin', () => {
  let t: TestKernel;
  const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false });
  const overview: HealthOverview = {
    status: 'degraded',
    components: [
      { id: 'postgres', name: 'PostgreSQL', tier: 'critical', status: 'healthy', responseTimeMs: 3, lastCheckedAt: null, since: null },
      { id: 'stripe', name: 'Stripe', tier: 'core', status: 'degraded', responseTimeMs: 2500, lastCheckedAt: null, since: null },
    ],
    scheduler: { alive: true, lastBeatAt: null },
    timestamp: new Date().toISOString(),
  };
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [metrics, createProbePlugin(() => overview)] });
  });
  afterAll(async () => t?.close());

  const routesOf = async (query: string) => {
    const res = await t.inject(`/api/metrics/series?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().series as { labels: Record<string, string>; points: { value: number | null }[] }[];
  };
  const total = (s: { points: { value: number | null }[] }) => s.points.reduce((acc, p) => acc + (p.value ?? 0), 0);

  it('counts requests by route template, method and status class, and normalizes unmatched paths', async () => {
    const member = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    for (let i = 0; i < 3; i++) expect((await member.inject('/api/probe/ok')).statusCode).toBe(200);
    expect((await member.inject('/api/probe/fail')).statusCode).toBe(503);
    expect((await member.inject('/api/nothing/0b9e1a52-3c4d-4e5f-8a9b-1c2d3e4f5a6b/items/77')).statusCode).toBe(404);
    await metrics.runtime().flush();

    const byRoute = await routesOf('metric=api_requests_total&groupBy=route,status_class&aggregation=sum');
    const find = (route: string, cls: string) => byRoute.find((s) => s.labels.route === route && s.labels.status_class === cls);
    expect(total(find('/api/probe/ok', '2xx')!)).toBe(3);
    expect(total(find('/api/probe/fail', '5xx')!)).toBe(1);
    expect(find('/api/nothing/:id/items/:id', '4xx')).toBeTruthy();

    const rows = await t.sql<{ tenant_id: string | null }>(`SELECT DISTINCT tenant_id FROM system_metrics_hourly WHERE metric_name = 'api_requests_total' AND dimensions->>'route' = '/api/probe/ok'`);
    expect(rows.map((r) => r.tenant_id)).toEqual([member.tenant!.id]);

    const latency = await routesOf('metric=api_request_duration_ms&aggregation=count&filter=' + encodeURIComponent('{"route":"/api/probe/ok"}'));
    expect(total(latency[0])).toBe(3);
  });

  it('records SDK metrics from other plugins and drops samples with unlisted dimension keys', async () => {
    const admin = await t.signIn({ role: 'admin' });
    expect((await admin.inject({ method: 'POST', url: '/api/probe/webhook' })).statusCode).toBe(200);
    await metrics.runtime().flush();
    const rows = await t.sql<{ dimensions: Record<string, string>; sum: number }>(`SELECT dimensions, sum FROM system_metrics_minute WHERE metric_name = 'webhook_events_total'`);
    expect(rows).toEqual([{ dimensions: { provider: 'stripe', status: 'ok' }, sum: 1 }]);
    expect(metrics.runtime().recorder.dropped).toBeGreaterThanOrEqual(1);
    const catalog = (await t.inject('/api/metrics/catalog')).json();
    expect(catalog).toEqual(expect.arrayContaining([{ name: 'build_duration_ms', kind: 'histogram', dimensions: ['status'] }]));
  });

  it('enforces the dimension key list in the database', async () => {
    await expect(
      t.sql(`INSERT INTO system_metrics_hourly (hour, metric_name, kind, dimensions, count, sum) VALUES (now(), 'x_total', 'counter', '{"user_id":"1"}', 1, 1)`),
    ).rejects.toThrow(/dimension key "user_id" is not allowed/);
    await expect(
      t.sql(`INSERT INTO system_metrics_minute (minute, metric_name, kind, dimensions, count, sum) VALUES (now(), 'x_total', 'counter', '{"route":"/ok"}', 1, 1)`),
    ).resolves.toBeDefined();
  });

  it('answers 400 naming the field for a bad filter or aggregation', async () => {
    const bad = await t.inject('/api/metrics/series?metric=api_requests_total&filter=' + encodeURIComponent('{"user":"x"}'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'filter.user' });
    const agg = await t.inject('/api/metrics/series?metric=api_requests_total&aggregation=median');
    expect(agg.json()).toMatchObject({ status: 400, field: 'aggregation' });
  });

  it('records health results as metrics: status changes and the minute sample', async () => {
    const em = t.kernel.orm.em.fork();
    await em.transactional((tem) =>
      t.kernel.services.events.emitDurable(tem, 'health.status_changed', {
        monitorId: 'redis', monitorName: 'Redis', scope: 'platform', targetKey: 'platform', tenantId: null,
        from: 'healthy', to: 'unhealthy', responseTimeMs: 5001, message: 'timed out', at: new Date().toISOString(),
      } as never),
    );
    await t.kernel.services.events.drain();
    await t.kernel.services.jobs.runNow('metrics.health-sample');
    await metrics.runtime().flush();
    const up = await t.sql<{ monitor: string; last: number }>(`SELECT dimensions->>'monitor' AS monitor, last FROM system_metrics_minute WHERE metric_name = 'health_up' ORDER BY 1`);
    expect(up).toEqual([{ monitor: 'postgres', last: 1 }, { monitor: 'redis', last: 0 }, { monitor: 'stripe', last: 0.5 }]);
    const changes = await t.sql(`SELECT dimensions FROM system_metrics_minute WHERE metric_name = 'health_status_changes_total'`);
    expect(changes).toEqual([{ dimensions: { monitor: 'redis', status: 'unhealthy' } }]);
  });

  it('computes SLOs with an error budget over 7 days', async () => {
    const res = await t.inject('/api/metrics/slo-status');
    expect(res.statusCode).toBe(200);
    const availability = res.json().find((s: any) => s.kind === 'availability');
    expect(availability.total).toBeGreaterThan(0);
    expect(availability.sliPct).toBeLessThan(100);
    expect(availability.status).toBe('breached');
    const overview = (await t.inject('/api/metrics/overview')).json();
    expect(overview.status).toBe('red');
    expect(overview.whyRed.topErrorRoutes[0]).toMatchObject({ route: '/api/probe/fail', errors: 1 });
    expect(overview.whyRed.sampleError).toMatchObject({ route: '/api/probe/fail', statusCode: 503 });
    expect(overview.whyRed.spikeStartedAt).not.toBeNull();
  });

  it('exposes Prometheus text to holders of metrics.prometheus only', async () => {
    const viewer = await t.signIn({ role: 'read_only' });
    expect((await viewer.inject('/api/metrics/prometheus')).statusCode).toBe(403);
    const res = await t.inject('/api/metrics/prometheus');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/api_requests_total\{route="\/api\/probe\/ok",method="GET",status_class="2xx"\} 3/);
    expect(res.body).toMatch(/api_request_duration_ms_bucket\{le="500",route="\/api\/probe\/ok"/);
    // The well-known scrape path serves the same exposition with the same permission check.
    expect((await viewer.inject('/metrics')).statusCode).toBe(403);
    expect((await t.kernel.app.inject('/metrics')).statusCode).toBe(401);
    const alias = await t.inject('/metrics');
    expect(alias.statusCode).toBe(200);
    expect(alias.body).toMatch(/api_requests_total/);
  });

  it("shows a tenant only its own traffic", async () => {
    const a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    const b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    for (let i = 0; i < 4; i++) await a.inject('/api/probe/ok');
    await b.inject('/api/probe/ok');
    await metrics.runtime().flush();
    const summaryA = (await a.inject('/api/metrics/tenant/summary')).json();
    const summaryB = (await b.inject('/api/metrics/tenant/summary')).json();
    expect(summaryA.tenantId).toBe(a.tenant!.id);
    expect(summaryA.totals.requests).toBe(4);
    expect(summaryB.totals.requests).toBe(1);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    expect((await member.inject('/api/metrics/tenant/summary')).statusCode).toBe(403);
    expect((await a.inject('/api/metrics/overview')).statusCode).toBe(403);
  });
});
