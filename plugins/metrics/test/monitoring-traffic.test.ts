import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createMetricsPlugin } from '../src/index.ts';
import { createWatchPlugin } from './support/watch-plugin.ts';

/**
 * Issue 14, item 2: the console's polling (routes declaring `traffic: 'polling'`) and live streams
 * (`traffic: 'stream'`) are reported apart and never count against the API SLOs, nor in "why is it red".
 */
describe('polling and streams stay out of API SLOs', () => {
  const STREAM_MS = 800; // longer than the latency SLO's 500 ms
  const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false });
  const watch = createWatchPlugin({
    streamMs: STREAM_MS,
    overview: () => ({ status: 'operational', components: [], scheduler: { alive: true, lastBeatAt: null }, timestamp: new Date().toISOString() }),
  });
  let t: TestKernel;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [metrics, watch] });
    for (let i = 0; i < 20; i++) expect((await t.inject('/api/watch/status')).statusCode).toBe(503);
    const streamed = await t.inject('/api/watch/tail'); // the server ends it after STREAM_MS
    expect(streamed.headers['content-type']).toMatch(/text\/event-stream/);
    for (let i = 0; i < 5; i++) expect((await t.inject('/api/watch/orders')).statusCode).toBe(200);
    // Outside the API (the console's files, probes, docs): not counted as API requests either.
    expect((await t.inject('/livez')).statusCode).toBe(200);
    expect((await t.inject('/console/page/that/is/not/there')).statusCode).toBe(404);
    await metrics.runtime().flush();
  });
  afterAll(async () => t?.close());

  it('keeps the availability and latency SLOs to API traffic: met, counting only the API requests', async () => {
    const res = await t.inject('/api/metrics/slo-status');
    expect(res.statusCode, res.body).toBe(200);
    const byKind = Object.fromEntries(res.json().map((s: any) => [s.kind, s]));
    expect(byKind.availability).toMatchObject({ status: 'met', errorBudget: expect.objectContaining({ consumed: 0 }) });
    expect(byKind.latency).toMatchObject({ status: 'met', errorBudget: expect.objectContaining({ consumed: 0 }) });
    // The five API requests, plus this run's own metrics reads before (which are polling: not counted either).
    expect(byKind.availability.total).toBe(5);
  });

  it('blames no polled route in "why is it red", and reports polling apart', async () => {
    const overview = (await t.inject('/api/metrics/overview')).json();
    expect(overview.status).toBe('green');
    expect(overview.whyRed.topErrorRoutes).toEqual([]);
    expect(overview.whyRed.sampleError).toBeNull();
    expect(overview.totals).toMatchObject({ requests: 5, errors: 0 });
    expect(overview.monitoring.errors).toBe(20);
    expect(overview.monitoring.requests).toBeGreaterThanOrEqual(21);
  });

  it('records polling and streams under their own metric, by traffic kind, with their real durations', async () => {
    const rows = await t.sql<{ type: string; route: string; count: number; max: number }>(
      `SELECT dimensions->>'type' AS type, dimensions->>'route' AS route, sum(count)::int AS count, max(max) AS max
       FROM system_metrics_minute WHERE metric_name = 'monitoring_request_duration_ms' AND dimensions->>'route' LIKE '/api/watch/%' GROUP BY 1, 2 ORDER BY 2`,
    );
    expect(rows.map((r) => [r.type, r.route, r.count])).toEqual([
      ['polling', '/api/watch/status', 20],
      ['stream', '/api/watch/tail', 1],
    ]);
    expect(rows[1].max).toBeGreaterThanOrEqual(STREAM_MS - 50);
    const [api] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM system_metrics_minute WHERE metric_name LIKE 'api_%' AND dimensions->>'route' IN ('/api/watch/status', '/api/watch/tail')`);
    expect(api.n).toBe(0);
  });
});
