import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';
import { TestClock } from './support/test-clock.ts';
import { RECOMMENDED_RULES } from '../src/index.ts';

/** The fields `AlertRuleInput` accepts, from a rule as the API returns it. */
const INPUT_FIELDS = ['name', 'description', 'metric', 'aggregation', 'filter', 'groupBy', 'tenantFilter', 'condition', 'threshold', 'recoveryThreshold', 'windowMinutes', 'forMinutes', 'keepFiringForMinutes', 'repeatIntervalMinutes', 'severity', 'component', 'channels', 'enabled', 'runbookUrl'];
const asInput = (rule: Record<string, unknown>) => Object.fromEntries(INPUT_FIELDS.filter((k) => k in rule).map((k) => [k, rule[k]]));

describe('recommended health alert rules (portal-health-status-api.md, Monitoring & Alerting)', () => {
  let h: AlertsHarness;
  const clock = new TestClock();
  const secretKey = randomBytes(32);
  beforeAll(async () => {
    h = await startAlertsHarness({ clock, kernel: { config: { secretKey } } });
  });
  afterAll(async () => h?.close());

  const rules = async () => (await h.t.inject('/api/alerts/rules?perPage=100')).json() as any[];
  const byName = async (name: string) => (await rules()).find((r) => r.name === name);
  const active = async () => (await h.t.inject('/api/alerts/active?filter=' + encodeURIComponent('{"open":true}'))).json() as any[];

  it('seeds the six rules at boot, disabled and without channels, with the severities of the seed', async () => {
    const seeded = await rules();
    expect(seeded.map((r) => [r.name, r.severity, r.enabled, r.channels]).sort()).toEqual(
      [
        ['Database unhealthy', 'critical', false, []],
        ['Major outage', 'critical', false, []],
        ['Payment processing down', 'critical', false, []],
        ['Degraded performance', 'warning', false, []],
        ['Partial outage', 'warning', false, []],
        ['Slow database', 'warning', false, []],
      ].sort(),
    );
    expect(await byName('Database unhealthy')).toMatchObject({ metric: 'health_up', filter: { monitor: 'postgres' }, condition: 'lt', forMinutes: 2, component: 'postgres' });
    expect(await byName('Major outage')).toMatchObject({ metric: 'health_overall_up', condition: 'lt', threshold: 0.25, forMinutes: 1 });
    expect(await byName('Payment processing down')).toMatchObject({ metric: 'health_up', filter: { monitor: 'stripe' }, forMinutes: 5 });
    expect(await byName('Degraded performance')).toMatchObject({ metric: 'health_up', groupBy: ['monitor'], condition: 'eq', threshold: 0.5, forMinutes: 10 });
    expect(await byName('Partial outage')).toMatchObject({ metric: 'health_overall_up', condition: 'eq', threshold: 0.5, forMinutes: 5 });
    expect(await byName('Slow database')).toMatchObject({ metric: 'health_response_time_ms', filter: { monitor: 'postgres' }, condition: 'gt', threshold: 1000, forMinutes: 15 });
    for (const r of seeded) expect(r.description, r.name).toMatch(/\w+ .*minute/);
  });

  it('seeds rules the rule validation accepts', async () => {
    for (const rule of await rules()) {
      const preview = await h.t.inject({ method: 'POST', url: '/api/alerts/rules/preview', payload: asInput(rule) });
      expect(preview.statusCode, `${rule.name}: ${preview.body}`).toBe(200);
      const created = await h.t.inject({ method: 'POST', url: '/api/alerts/rules', payload: { ...asInput(rule), name: `${rule.name} (copy)` } });
      expect(created.statusCode, `${rule.name}: ${created.body}`).toBe(201);
      await h.t.inject({ method: 'DELETE', url: `/api/alerts/rules/${created.json().id}` });
    }
  });

  it('does not fire while disabled, and fires on a sustained breach once enabled with a channel', async () => {
    const rule = await byName('Database unhealthy');
    await h.observe('health_up', 0, { monitor: 'postgres' });
    await h.evaluate();
    expect(await active()).toEqual([]);

    const enabled = await h.t.inject({ method: 'PUT', url: `/api/alerts/rules/${rule.id}`, payload: { enabled: true, channels: ['slack'] } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    await h.evaluate();
    expect((await active()).map((a) => [a.ruleName, a.state])).toEqual([['Database unhealthy', 'pending']]);
    for (let minute = 1; minute <= 2; minute++) {
      clock.advanceMinutes(1);
      await h.observe('health_up', 0, { monitor: 'postgres' });
      await h.evaluate();
    }
    expect((await active()).map((a) => [a.ruleName, a.state, a.labels])).toEqual([['Database unhealthy', 'firing', { monitor: 'postgres' }]]);
    expect(h.slack.requests.map((r) => r.json<any>().text)).toEqual([expect.stringContaining('[FIRING] Database unhealthy')]);
  });

  it('fires the degraded rule per monitor, and not for a healthy or unhealthy one', async () => {
    const rule = await byName('Degraded performance');
    await h.t.inject({ method: 'PUT', url: `/api/alerts/rules/${rule.id}`, payload: { enabled: true, channels: ['slack'], forMinutes: 0 } });
    h.metrics.runtime().recorder.gauge('health_up', 1, { monitor: 'redis' });
    h.metrics.runtime().recorder.gauge('health_up', 0.5, { monitor: 'stripe' });
    await h.observe('health_up', 0, { monitor: 'postgres' });
    await h.evaluate();
    const degraded = (await active()).filter((a) => a.ruleName === 'Degraded performance');
    expect(degraded.map((a) => [a.state, a.labels])).toEqual([['firing', { monitor: 'stripe' }]]);
  });

  it('seeds once per database: a second boot adds nothing and does not restore a deleted rule', async () => {
    const slow = await byName('Slow database');
    expect((await h.t.inject({ method: 'DELETE', url: `/api/alerts/rules/${slow.id}` })).statusCode).toBe(200);
    const before = (await rules()).map((r) => r.id).sort();
    const second = await startAlertsHarness({ clock, kernel: { databaseUrl: h.t.databaseUrl!, config: { secretKey } } });
    try {
      const after = (await second.t.inject('/api/alerts/rules?perPage=100')).json().map((r: any) => r.id).sort();
      expect(after).toEqual(before);
      expect(await h.t.sql('SELECT count(*)::int AS n FROM alerts_rule_seeds')).toEqual([{ n: RECOMMENDED_RULES.length }]);
    } finally {
      await second.close();
    }
  });
});
