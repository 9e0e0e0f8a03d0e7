import type { MetricSeries } from '@platform/sdk/metrics';
import { labelKey } from './alert-fingerprint.ts';
import { observeWindow, type LabelledObservation, type ObservedRule } from './rule-observations.ts';

/** An observation with its label set as a {@link labelKey}, the alert's identity within a rule. */
export interface KeyedObservation extends LabelledObservation {
  key: string;
}

/** Rules that see the same thing: metric, window, aggregation, filter, tenant and group-by. */
function viewOf(rule: ObservedRule): string {
  const filter = Object.keys(rule.filter)
    .sort()
    .map((k) => [k, rule.filter[k]]);
  return JSON.stringify([rule.metric, rule.windowMinutes, rule.aggregation, rule.tenantFilter, rule.groupBy, filter]);
}

/**
 * What the rules of one evaluation observe, grouped and aggregated once per distinct view: a warning
 * and a critical rule on the same metric, filter and window (the usual pair) share one pass over the series.
 */
export class SharedObservations {
  private readonly views = new Map<string, KeyedObservation[]>();

  constructor(private readonly windowOf: (metric: string, windowMinutes: number) => readonly MetricSeries[]) {}

  of(rule: ObservedRule): KeyedObservation[] {
    const view = viewOf(rule);
    let observed = this.views.get(view);
    if (!observed) {
      observed = observeWindow(rule, this.windowOf(rule.metric, rule.windowMinutes)).map((o) => ({ ...o, key: labelKey(o.labels) }));
      this.views.set(view, observed);
    }
    return observed;
  }
}
