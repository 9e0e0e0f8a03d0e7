import { aggregateSeries, aggregationDefaultsToZero, groupSeries, type MetricAggregation, type MetricSeries } from '@platform/sdk/metrics';

export interface ChartSeries {
  labels: Record<string, string>;
  points: { at: string; value: number | null }[];
}

/** Series grouped by `groupBy`, each cut into `stepMs` buckets and aggregated per bucket (chart data). */
export function bucketSeries(series: readonly MetricSeries[], opts: { groupBy: string[]; aggregation: MetricAggregation; from: number; to: number; stepMs: number }): ChartSeries[] {
  const stepMinutes = opts.stepMs / 60_000;
  return groupSeries(series, opts.groupBy).map((group) => {
    const points: ChartSeries['points'] = [];
    for (let at = opts.from; at < opts.to; at += opts.stepMs) {
      const slice = group.series.map((s) => ({ ...s, points: s.points.filter((p) => p.at >= at && p.at < at + opts.stepMs) }));
      const hasData = slice.some((s) => s.points.length > 0);
      const value = hasData ? aggregateSeries(slice, opts.aggregation, stepMinutes) : aggregationDefaultsToZero(opts.aggregation) ? 0 : null;
      points.push({ at: new Date(at).toISOString(), value });
    }
    return { labels: group.labels, points };
  });
}
