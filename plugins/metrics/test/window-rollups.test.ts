import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { aggregateSeries, groupSeries, METRIC_AGGREGATIONS, METRIC_SAMPLES_WRITTEN, rollupPoints, rollupWindows, type MetricSeries, type MetricWindowRollup } from '@platform/sdk/metrics';
import { createMetricsPlugin } from '../src/index.ts';

const point = (at: number, p: Partial<MetricSeries['points'][0]>) => ({ at, count: 0, sum: 0, min: null, max: null, last: null, buckets: null, ...p });

describe('rollupPoints', () => {
  it('keeps what every aggregation needs: sums, extremes, buckets and the newest last at its slot', () => {
    expect(rollupPoints([])).toBeNull();
    const rolled = rollupPoints([
      point(60_000, { count: 2, sum: 10, min: 1, max: 9, last: 9, buckets: [1, 1] }),
      point(120_000, { count: 1, sum: 4, min: 4, max: 4, last: 4, buckets: [0, 1] }),
      point(180_000, { count: 3, sum: 3, min: 0, max: 2, last: null, buckets: null }),
    ]);
    expect(rolled).toEqual({ at: 120_000, count: 6, sum: 17, min: 0, max: 9, last: 4, buckets: [1, 2] });
    expect(rollupPoints([point(60_000, { count: 1, sum: 1 }), point(120_000, { count: 1, sum: 1 })])).toMatchObject({ at: 120_000, last: null });
  });

  it('aggregates like the minute points it replaces, for every aggregation', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const series: MetricSeries[] = [];
    for (let i = 0; i < 40; i++) {
      const kind = (['counter', 'gauge', 'histogram'] as const)[i % 3];
      const points = [0, 1, 2, 3, 4].filter(() => random() > 0.3).map((k) => {
        const v = Math.round(random() * 100);
        return point(k * 60_000, { count: 1 + (k % 2), sum: v, min: kind === 'counter' ? null : v - 1, max: kind === 'counter' ? null : v + 1, last: kind === 'gauge' ? v : null, buckets: kind === 'histogram' ? [v % 3, v % 5, 1] : null });
      });
      if (points.length) series.push({ metric: `m_${kind}`, kind, tenantId: null, dimensions: { route: `/r${i % 4}`, status_class: i % 5 === 0 ? '5xx' : '2xx' }, points });
    }
    for (const s of series) {
      const rolled = { ...s, points: [rollupPoints(s.points)!] };
      for (const aggregation of METRIC_AGGREGATIONS) expect(aggregateSeries([rolled], aggregation, 5), `${s.kind} ${aggregation}`).toEqual(aggregateSeries([s], aggregation, 5));
    }
    for (const g of groupSeries(series, ['route'])) {
      const rolled = g.series.map((s) => ({ ...s, points: [rollupPoints(s.points)!] }));
      for (const aggregation of METRIC_AGGREGATIONS) {
        const expected = aggregateSeries(g.series, aggregation, 5);
        const actual = aggregateSeries(rolled, aggregation, 5);
        if (expected === null) expect(actual).toBeNull();
        else expect(actual, aggregation).toBeCloseTo(expected, 9);
      }
    }
  });
});

describe.each(['server', 'embedded'] as const)('windowRollups (PostgreSQL, %s)', { timeout: 60_000 }, (database) => {
  let t: TestKernel;
  let now = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000 + 20_000;
  const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false, clock: () => now });
  const written: string[][] = [];
  beforeAll(async () => {
    t = await createTestKernel({ database, plugins: [metrics] });
    t.kernel.services.events.on(METRIC_SAMPLES_WRITTEN, (e) => void written.push((e as { metrics: string[] }).metrics));
    const recorder = metrics.runtime().recorder;
    const tenant = '00000000-0000-4000-8000-000000000001';
    for (let minute = 0; minute < 8; minute++) {
      for (let r = 0; r < 3; r++) {
        recorder.gauge('queue_depth', minute * 10 + r, { queue: `q${r}` });
        if (minute !== 6) recorder.gauge('queue_depth', 100 - minute, { queue: `q${r}` });
        recorder.increment('jobs_total', { status: r === 2 ? 'failed' : 'ok' }, minute + 1);
        recorder.increment('jobs_total', { status: 'ok' }, 2, { tenantId: tenant });
        recorder.observe('job_duration_ms', 40 * (minute + 1) + r * 300, { job: `j${r % 2}` });
      }
      await metrics.runtime().flush();
      now += 60_000;
    }
    now -= 30_000;
  }, 60_000);
  afterAll(async () => t?.close());

  const byIdentity = (windows: MetricWindowRollup[]) =>
    windows.map((w) => ({ ...w, series: [...w.series].sort((a, b) => JSON.stringify([a.tenantId, a.dimensions]).localeCompare(JSON.stringify([b.tenantId, b.dimensions]))) }));

  it('rolls each series up per window in the database exactly as rollupWindows does over its minute points', async () => {
    const queries = [
      { metric: 'queue_depth', minutes: 1 },
      { metric: 'queue_depth', minutes: 3 },
      { metric: 'jobs_total', minutes: 5 },
      { metric: 'job_duration_ms', minutes: 4 },
      { metric: 'absent_metric', minutes: 5 },
    ];
    const reader = metrics.runtime().reader;
    const fromDatabase = await reader.windowRollups(queries, now);
    const minutePoints = await reader.seriesOfMany(queries.map((q) => q.metric), { from: now - 10 * 60_000, to: now + 1, resolution: 'minute' });
    expect(byIdentity(fromDatabase)).toEqual(byIdentity(rollupWindows(minutePoints, queries, now)));
    expect(fromDatabase.map((w) => w.series.length)).toEqual([3, 3, 3, 2, 0]);
    expect(fromDatabase[1]!.series.find((s) => s.dimensions.queue === 'q0')!.points[0]).toMatchObject({ count: 5, last: 93 });
  });

  it('announces the metrics of each written batch', () => {
    expect(written.length).toBe(8);
    expect([...written[0]!].sort()).toEqual(['job_duration_ms', 'jobs_total', 'queue_depth']);
  });
});
