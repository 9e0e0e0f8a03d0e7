import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '@platform/sdk';
import { computeTick } from '../src/evaluation/tick-computation.ts';
import type { AlertRule } from '../src/rules/alert-rule-entity.ts';

/** The evaluator's pure part at the benchmark size: 1,000 rules over 10,000 series. */
describe('tick computation at scale', () => {
  it('evaluates 1,000 rules over 10,000 series well under a second', () => {
    const now = 100 * 60_000 + 5_000;
    const series: MetricSeries[] = [];
    for (let i = 0; i < 10_000; i++) {
      series.push({
        metric: `metric_${i % 20}`, kind: 'gauge', tenantId: null, dimensions: { route: `/api/r${i % 500}`, queue: `q${i % 7}` },
        points: [0, 1, 2, 3, 4].map((k) => ({ at: (95 + k) * 60_000, count: 1, sum: i % 100, min: i % 100, max: i % 100, last: i % 100, buckets: null })),
      });
    }
    const rules: AlertRule[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `rule ${i}`, description: null, metric: `metric_${i % 20}`, aggregation: 'avg',
      filter: i % 2 ? { queue: `q${i % 7}` } : {}, groupBy: ['route'], tenantFilter: null, condition: 'gt', threshold: 90, recoveryThreshold: null,
      windowMinutes: 5, forMinutes: 0, keepFiringForMinutes: 0, repeatIntervalMinutes: 60, severity: 'warning', component: null, channels: ['webhook'], enabled: true, runbookUrl: null,
      createdAt: new Date(), updatedAt: new Date(),
    }));
    let n = 0;
    const started = performance.now();
    const outcome = computeTick(
      { rules, instances: [], silences: new Map(), maintenance: [], series, seriesError: null },
      { now, baseUrl: 'http://localhost', handles: () => true, newId: () => `id-${n++}`, resolvedRetentionMs: 1e9 },
    );
    const elapsed = performance.now() - started;
    expect(outcome.counts.fired).toBeGreaterThan(0);
    expect(outcome.deliveries.length).toBe(outcome.counts.fired);
    expect(elapsed).toBeLessThan(5_000);
    console.log(`tick: ${rules.length} rules, ${series.length} series, ${outcome.counts.alerts} alerts, ${Math.round(elapsed)} ms`);
  });
});
