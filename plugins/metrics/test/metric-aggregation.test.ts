import { describe, expect, it } from 'vitest';
import { aggregateSeries, countAtMost, groupSeries, histogramQuantile, HISTOGRAM_BUCKETS, type MetricSeries } from '@platform/sdk/metrics';
import { MetricBuffer, bucketIndex } from '../src/recording/metric-buffer.ts';
import { guardSample } from '../src/recording/sample-guard.ts';
import { foldIntoHours } from '../src/store/metric-writer.ts';

const point = (at: number, p: Partial<MetricSeries['points'][0]>) => ({ at, count: 0, sum: 0, min: null, max: null, last: null, buckets: null, ...p });

describe('histograms', () => {
  it('puts a value in the first bucket whose bound holds it, overflow last', () => {
    expect(bucketIndex(5)).toBe(0);
    expect(bucketIndex(6)).toBe(1);
    expect(bucketIndex(1_000_000)).toBe(HISTOGRAM_BUCKETS.length);
  });
  it('estimates quantiles by interpolating inside the bucket', () => {
    const buckets = new Array(HISTOGRAM_BUCKETS.length + 1).fill(0);
    buckets[4] = 100; // 50 < v <= 100
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(75);
    expect(histogramQuantile(buckets, 0.95)).toBeCloseTo(97.5);
    expect(histogramQuantile(new Array(13).fill(0), 0.95)).toBeNull();
  });
  it('counts observations under a threshold', () => {
    const buckets = new Array(HISTOGRAM_BUCKETS.length + 1).fill(0);
    buckets[0] = 10; // <= 5
    buckets[6] = 10; // 250 < v <= 500
    buckets[12] = 5; // > 30000
    expect(countAtMost(buckets, 500)).toBe(20);
    expect(countAtMost(buckets, 375)).toBe(15);
  });
});

describe('aggregateSeries', () => {
  const ok = { kind: 'counter' as const, dimensions: { status_class: '2xx' }, points: [point(0, { sum: 90, count: 90 })] };
  const err = { kind: 'counter' as const, dimensions: { status_class: '5xx' }, points: [point(0, { sum: 10, count: 10 })] };
  it('sums, rates and error rates counters', () => {
    expect(aggregateSeries([ok, err], 'sum', 5)).toBe(100);
    expect(aggregateSeries([ok, err], 'rate', 5)).toBe(20);
    expect(aggregateSeries([ok, err], 'error_rate', 5)).toBe(10);
    expect(aggregateSeries([], 'error_rate', 5)).toBeNull();
  });
  it('averages gauges and takes their last value', () => {
    const g = { kind: 'gauge' as const, dimensions: {}, points: [point(0, { count: 2, sum: 3, last: 1, min: 1, max: 2 }), point(60_000, { count: 1, sum: 0, last: 0, min: 0, max: 0 })] };
    expect(aggregateSeries([g], 'avg', 2)).toBe(1);
    expect(aggregateSeries([g], 'last', 2)).toBe(0);
    expect(aggregateSeries([g], 'max', 2)).toBe(2);
  });
  it('groups series by dimension and by tenant', () => {
    const s = (route: string, tenantId: string | null) => ({ tenantId, dimensions: { route } });
    const groups = groupSeries([s('/a', 't1'), s('/a', 't2'), s('/b', null)], ['route']);
    expect(groups.map((g) => [g.labels.route, g.series.length])).toEqual([['/a', 2], ['/b', 1]]);
    expect(groupSeries([s('/a', 't1'), s('/b', null)], ['tenant']).map((g) => g.labels.tenant)).toEqual(['t1', 'platform']);
  });
});

describe('sample guard and buffer', () => {
  it('refuses unknown dimension keys, bad names and non-finite values', () => {
    expect(guardSample('api_requests_total', 1, { route: '/x' })).toEqual({ ok: true, dimensions: { route: '/x' } });
    expect(guardSample('api_requests_total', 1, { user_id: 'u1' } as any)).toMatchObject({ ok: false, reason: expect.stringContaining('"user_id" is not allowed') });
    expect(guardSample('Bad-Name', 1, {})).toMatchObject({ ok: false });
    expect(guardSample('x', Number.NaN, {})).toMatchObject({ ok: false });
  });
  it('aggregates per minute and series, and keeps a metric to one kind', () => {
    const b = new MetricBuffer(10);
    b.add('histogram', 'lat', 40, { route: '/a' }, null, 1_000);
    b.add('histogram', 'lat', 60, { route: '/a' }, null, 59_000);
    b.add('histogram', 'lat', 70, { route: '/a' }, null, 61_000);
    expect(b.add('counter', 'lat', 1, {}, null, 1_000)).toBe('kind_mismatch');
    const drained = b.drain();
    expect(drained).toHaveLength(2);
    expect(drained[0]).toMatchObject({ minute: 0, count: 2, sum: 100, min: 40, max: 60 });
    expect(foldIntoHours(drained)).toMatchObject([{ minute: 0, count: 3, sum: 170, min: 40, max: 70 }]);
  });
  it('refuses new series once full', () => {
    const b = new MetricBuffer(1);
    expect(b.add('counter', 'c', 1, { route: '/a' }, null, 0)).toBe('added');
    expect(b.add('counter', 'c', 1, { route: '/b' }, null, 0)).toBe('full');
    expect(b.add('counter', 'c', 1, { route: '/a' }, null, 0)).toBe('added');
  });
});
