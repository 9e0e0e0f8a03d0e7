import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';
import { TestClock } from './support/test-clock.ts';

/** The fast path: rules of a metric are evaluated as soon as new samples of it are written, without waiting for the tick. */
describe('alert evaluation when samples are written', () => {
  let h: AlertsHarness;
  const clock = new TestClock();
  beforeAll(async () => {
    h = await startAlertsHarness({ clock, alerts: { evaluateOnWrite: true } });
  });
  afterAll(async () => h?.close());

  const rule = (over: Record<string, unknown>) => ({ aggregation: 'last', condition: 'gt', windowMinutes: 1, forMinutes: 0, channels: ['webhook'], severity: 'warning', ...over });
  const alerts = async () => (await h.t.inject('/api/alerts/active?filter=' + encodeURIComponent('{"open":true}'))).json() as any[];
  const write = async (metric: string, value: number, dims: Record<string, string> = {}) => {
    h.metrics.runtime().recorder.gauge(metric, value, dims);
    await h.metrics.runtime().flush();
    await h.alerts.runtime().evaluator.settled();
  };

  it('fires and notifies when the breaching sample is written, evaluating only the rules of that metric', async () => {
    await h.createRule(rule({ name: 'Queue backed up', metric: 'queue_depth', threshold: 100, groupBy: ['queue'] }));
    // Fires on the tick only: nothing writes `jobs_done`, and no jobs is below 1.
    await h.createRule(rule({ name: 'No jobs done', metric: 'jobs_done', aggregation: 'sum', condition: 'lt', threshold: 1 }));
    await write('queue_depth', 250, { queue: 'builds' });
    expect((await alerts()).map((a) => [a.ruleName, a.state, a.labels])).toEqual([['Queue backed up', 'firing', { queue: 'builds' }]]);
    expect(h.webhook.requests).toHaveLength(1);
    expect(h.webhook.requests[0]!.json<any>()).toMatchObject({ status: 'firing', alerts: [{ labels: expect.objectContaining({ queue: 'builds' }) }] });

    // Writing again changes nothing (same episode): no notification, and no write at all, so the
    // evaluator's claim is not taken (a concurrent tick elsewhere is not made to lose it).
    const generation = async () => Number((await h.t.sql<{ generation: string }>('SELECT generation FROM alerts_evaluator'))[0]!.generation);
    const before = await generation();
    await write('queue_depth', 260, { queue: 'builds' });
    expect(h.webhook.requests).toHaveLength(1);
    expect(await generation()).toBe(before);
    // The tick then evaluates every rule.
    await h.evaluate();
    expect((await alerts()).map((a) => a.ruleName).sort()).toEqual(['No jobs done', 'Queue backed up']);
  });

  it('keeps the for-duration: a written breach starts pending, and fires once it has lasted', async () => {
    await h.createRule(rule({ name: 'Slow builds', metric: 'build_ms', threshold: 1000, forMinutes: 2 }));
    const slow = async () => (await alerts()).find((a) => a.ruleName === 'Slow builds');
    await write('build_ms', 5000);
    expect(await slow()).toMatchObject({ state: 'pending' });
    clock.advanceMinutes(1);
    await write('build_ms', 5000);
    expect(await slow()).toMatchObject({ state: 'pending' });
    clock.advanceMinutes(1);
    await write('build_ms', 5000);
    expect(await slow()).toMatchObject({ state: 'firing' });
  });

  it("still lets a firing critical alert of a rule it does not evaluate inhibit the ones it does", async () => {
    await h.createRule(rule({ name: 'Database down', metric: 'health_up', condition: 'lt', threshold: 0.5, severity: 'critical', component: 'database', filter: { monitor: 'postgres' } }));
    await h.createRule(rule({ name: 'Database slow', metric: 'db_query_ms', aggregation: 'max', threshold: 200, component: 'database' }));
    await write('health_up', 0, { monitor: 'postgres' });
    const before = h.webhook.requests.length;
    await write('db_query_ms', 900);
    expect((await alerts()).find((a) => a.ruleName === 'Database slow')).toMatchObject({ state: 'firing', mutedReason: 'inhibited by "Database down"' });
    expect(h.webhook.requests).toHaveLength(before);
  });
});
