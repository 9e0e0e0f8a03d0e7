import { describe, expect, it } from 'vitest';
import { bucketStart, fillUsageSeries } from '../src/usage/usage-series.ts';

describe('fillUsageSeries', () => {
  it('fills gaps with zeros and keeps a running total from the baseline', () => {
    const from = new Date('2025-03-01T00:00:00Z');
    const to = new Date('2025-03-05T00:00:00Z');
    const series = fillUsageSeries([{ bucket: new Date('2025-03-02T00:00:00Z'), quantity: 3 }, { bucket: new Date('2025-03-04T00:00:00Z'), quantity: 2 }], from, to, 'day', 10);
    expect(series.map((p) => [p.bucket.slice(0, 10), p.quantity, p.cumulative])).toEqual([
      ['2025-03-01', 0, 10],
      ['2025-03-02', 3, 13],
      ['2025-03-03', 0, 13],
      ['2025-03-04', 2, 15],
    ]);
  });

  it('weeks start on Monday and months on the 1st (UTC)', () => {
    expect(bucketStart(new Date('2025-03-09T23:00:00Z'), 'week').toISOString().slice(0, 10)).toBe('2025-03-03');
    expect(bucketStart(new Date('2025-03-10T00:00:00Z'), 'week').toISOString().slice(0, 10)).toBe('2025-03-10');
    expect(bucketStart(new Date('2024-02-29T12:00:00Z'), 'month').toISOString().slice(0, 10)).toBe('2024-02-01');
  });
});
