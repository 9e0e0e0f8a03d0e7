import { describe, expect, it } from 'vitest';
import { rollupWindows, type MetricSeries, type MetricWindowRollup } from '@platform/sdk/metrics';
import { computeTick, type TickSnapshot } from '../src/evaluation/tick-computation.ts';
import { ruleWindows } from '../src/evaluation/rule-windows.ts';
import type { AlertRule } from '../src/rules/alert-rule-entity.ts';

/** The evaluator's pure part at the benchmark size: 1,000 rules over 10,000 series. */
describe('tick computation at scale', () => {
  const now = 100 * 60_000 + 5_000;
  const series: MetricSeries[] = [];
  for (let i = 0; i < 10_000; i++) {
    series.push({
      metric: `metric_${i % 20}`, kind: 'gauge', tenantId: null, dimensions: { route: `/api/r${i % 500}`, queue: `q${i % 7}` },
      points: [0, 1, 2, 3, 4].map((k) => ({ at: (95 + k) * 60_000, count: 1, sum: (i + k) % 100, min: (i + k) % 100, max: (i + k) % 100, last: (i + k) % 100, buckets: null })),
    });
  }
  const aggregations = ['avg', 'last', 'max', 'sum'] as const;
  const rules: AlertRule[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `rule ${i}`, description: null, metric: `metric_${i % 20}`, aggregation: aggregations[i % 4]!,
    filter: i % 2 ? { queue: `q${i % 7}` } : ({} as Record<string, string>), groupBy: ['route'], tenantFilter: null, condition: 'gt', threshold: i % 4 === 3 ? 480 : 96, recoveryThreshold: null,
    windowMinutes: i % 3 ? 5 : 2, forMinutes: 0, keepFiringForMinutes: 0, repeatIntervalMinutes: 60, severity: 'warning', component: null, channels: ['webhook'], enabled: true, runbookUrl: null,
    createdAt: new Date(), updatedAt: new Date(),
  }));
  const tick = (windows: MetricWindowRollup[]) => {
    let n = 0;
    const snapshot: TickSnapshot = { rules, instances: [], silences: new Map(), maintenance: [], windows, seriesError: null };
    return computeTick(snapshot, { now, baseUrl: 'http://localhost', handles: () => true, newId: () => `id-${n++}`, resolvedRetentionMs: 1e9 });
  };

  it('evaluates 1,000 rules over 10,000 series from rolled-up windows', () => {
    const windows = rollupWindows(series, ruleWindows(rules), now);
    const started = performance.now();
    const outcome = tick(windows);
    const elapsed = performance.now() - started;
    expect(outcome.counts.fired).toBeGreaterThan(0);
    expect(outcome.deliveries.length).toBe(outcome.counts.fired);
    console.log(`tick: ${rules.length} rules, ${series.length} series, ${outcome.counts.alerts} alerts, ${Math.round(elapsed)} ms`);
  });

  it('fires the same alerts from rolled-up windows as from their minute points', () => {
    const minutePoints: MetricWindowRollup[] = ruleWindows(rules).map((w) => ({
      ...w,
      series: series.filter((s) => s.metric === w.metric).map((s) => ({ ...s, points: s.points.filter((p) => p.at >= now - now % 60_000 - (w.minutes - 1) * 60_000) })),
    }));
    const fromPoints = tick(minutePoints);
    const fromRollups = tick(rollupWindows(series, ruleWindows(rules), now));
    const view = (o: ReturnType<typeof tick>) => o.save.map((i) => `${i.fingerprint} ${i.memory.state} ${i.memory.value}`).sort();
    expect(fromRollups.counts).toEqual(fromPoints.counts);
    expect(view(fromRollups)).toEqual(view(fromPoints));
    expect(fromRollups.counts.fired).toBeGreaterThan(100);
  });
});
