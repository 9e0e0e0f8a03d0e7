import type { MetricWindowQuery } from '@platform/sdk/metrics';
import type { AlertRule } from '../rules/alert-rule-entity.ts';

/** The distinct metric windows the enabled rules read (one per metric and window length). */
export function ruleWindows(rules: readonly Pick<AlertRule, 'enabled' | 'metric' | 'windowMinutes'>[]): MetricWindowQuery[] {
  const windows = new Map<string, MetricWindowQuery>();
  for (const r of rules) {
    if (!r.enabled) continue;
    const id = `${r.windowMinutes}|${r.metric}`;
    if (!windows.has(id)) windows.set(id, { metric: r.metric, minutes: r.windowMinutes });
  }
  return [...windows.values()];
}
