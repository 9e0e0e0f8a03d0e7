import { aggregateSeries, aggregationDefaultsToZero, groupSeries, metricWindowStart, TENANT_GROUP_KEY, type MetricAggregation, type MetricSeries } from '@platform/sdk/metrics';
import type { Observation } from './alert-state-machine.ts';

export interface ObservedRule {
  metric: string;
  aggregation: MetricAggregation;
  filter: Record<string, string>;
  groupBy: string[];
  /** Only this tenant's samples. */
  tenantFilter: string | null;
  windowMinutes: number;
}

export interface LabelledObservation {
  labels: Record<string, string>;
  observation: Observation;
}

/** First minute slot of a rule's window ending with the (partial) minute of `now`. */
export const windowStart: (now: number, windowMinutes: number) => number = metricWindowStart;

function matcherOf(rule: ObservedRule): (s: MetricSeries) => boolean {
  const filter = Object.entries(rule.filter);
  const tenant = rule.tenantFilter;
  if (filter.length === 0 && !tenant) return () => true;
  return (s) => {
    if (tenant && s.tenantId !== tenant) return false;
    for (const [k, v] of filter) if (s.dimensions[k] !== v) return false;
    return true;
  };
}

/** The labels an alert of this rule carries besides its group's: the filter, and the tenant it watches. */
export function baseLabels(rule: Pick<ObservedRule, 'filter' | 'tenantFilter'>): Record<string, string> {
  return { ...rule.filter, ...(rule.tenantFilter ? { [TENANT_GROUP_KEY]: rule.tenantFilter } : {}) };
}

/** The series with only their points in [from, to], those without any dropped. */
export function sliceToWindow(series: readonly MetricSeries[], from: number, to: number): MetricSeries[] {
  const out: MetricSeries[] = [];
  for (const s of series) {
    const points = s.points.filter((p) => p.at >= from && p.at <= to);
    if (points.length) out.push(points.length === s.points.length ? s : { ...s, points });
  }
  return out;
}

/**
 * What a rule sees now: one observation per label set (its group-by values), from the series of its
 * metric within its window. A rule without group-by always yields exactly one observation; with no
 * points that is 0 for counts and rates, else no data.
 */
export function observeRule(rule: ObservedRule, series: readonly MetricSeries[], now: number): LabelledObservation[] {
  return observeWindow(rule, sliceToWindow(series.filter((s) => s.metric === rule.metric), windowStart(now, rule.windowMinutes), now));
}

/**
 * `observeRule` over series already narrowed to the rule's metric and window: their minute points, or
 * one rolled-up point each (`MetricsReader.windowRollups`, the evaluator's read) which aggregates the same.
 */
export function observeWindow(rule: ObservedRule, inWindow: readonly MetricSeries[]): LabelledObservation[] {
  const matching = inWindow.filter(matcherOf(rule));
  const base = baseLabels(rule);
  const groups = groupSeries(matching, rule.groupBy);
  if (groups.length === 0) {
    if (rule.groupBy.length > 0) return [];
    return [{ labels: base, observation: aggregationDefaultsToZero(rule.aggregation) ? { kind: 'value', value: 0 } : { kind: 'no_data' } }];
  }
  return groups.map((g) => {
    const value = aggregateSeries(g.series, rule.aggregation, rule.windowMinutes);
    return { labels: { ...base, ...g.labels }, observation: value === null ? { kind: 'no_data' } : { kind: 'value', value } };
  });
}

/** What an alert whose series vanished from the window observes: 0 for counts and rates, else no data. */
export function vanishedObservation(aggregation: MetricAggregation): Observation {
  return aggregationDefaultsToZero(aggregation) ? { kind: 'value', value: 0 } : { kind: 'no_data' };
}
