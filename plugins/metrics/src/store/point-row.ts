import type { MetricPoint } from '@platform/sdk/metrics';

/** The columns of one minute or hour row (or a rollup of several) that make a point, as `pg` returns them. */
export interface PointRow {
  at: Date;
  count: string | number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  buckets: (string | number)[] | null;
}

export function toPoint(r: PointRow): MetricPoint {
  return {
    at: new Date(r.at).getTime(),
    count: Number(r.count),
    sum: Number(r.sum),
    min: r.min === null ? null : Number(r.min),
    max: r.max === null ? null : Number(r.max),
    last: r.last === null ? null : Number(r.last),
    buckets: r.buckets ? r.buckets.map(Number) : null,
  };
}
