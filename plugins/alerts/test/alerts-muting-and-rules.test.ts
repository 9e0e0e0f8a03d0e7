import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertsHarness, fakeStatusPlugin, type AlertsHarness } from './support/alerts-harness.ts';
import { TestClock } from './support/test-clock.ts';
import type { ActiveMaintenanceWindow } from '@platform/sdk/maintenance';

describe('alert muting, manual actions and rule validation', () => {
  let h: AlertsHarness;
  const clock = new TestClock();
  const windows: ActiveMaintenanceWindow[] = [];
  beforeAll(async () => {
    h = await startAlertsHarness({ clock, extraPlugins: [fakeStatusPlugin(windows)] });
  });
  afterAll(async () => h?.close());

  const rule = (over: Record<string, unknown>) => ({ metric: 'health_up', aggregation: 'last', condition: 'lt', threshold: 0.5, windowMinutes: 1, forMinutes: 0, channels: ['slack'], ...over });
  const active = async () => (await h.t.inject('/api/alerts/active?filter=' + encodeURIComponent('{"open":true}'))).json() as any[];

  it('lets a firing critical alert inhibit a lower-severity alert on the same component', async () => {
    await h.createRule(rule({ name: 'Database down', severity: 'critical', component: 'database', filter: { monitor: 'postgres' } }));
    await h.createRule(rule({ name: 'Database slow', severity: 'warning', component: 'database', metric: 'db_query_ms', aggregation: 'max', condition: 'gt', threshold: 200 }));
    h.metrics.runtime().recorder.gauge('db_query_ms', 900);
    await h.observe('health_up', 0, { monitor: 'postgres' });
    await h.evaluate();
    const alerts = await active();
    expect(alerts.map((a) => [a.ruleName, a.state, a.mutedReason])).toEqual(
      expect.arrayContaining([['Database down', 'firing', null], ['Database slow', 'firing', 'inhibited by "Database down"']]),
    );
    expect(h.slack.requests.map((r) => r.json<any>().text)).toEqual([expect.stringContaining('[FIRING] Database down')]);
  });

  it('announces the inhibited alert once the critical one resolves, and resolves by hand', async () => {
    clock.advanceMinutes(1);
    h.metrics.runtime().recorder.gauge('db_query_ms', 900);
    await h.observe('health_up', 1, { monitor: 'postgres' });
    await h.evaluate();
    expect(h.slack.requests.slice(1).map((r) => r.json<any>().text.match(/\[[A-Z ]+\] [^:]+/)[0]).sort()).toEqual(['[FIRING] Database slow', '[RESOLVED] Database down']);
    const slow = (await active()).find((a) => a.ruleName === 'Database slow');
    const resolved = await h.t.inject({ method: 'POST', url: `/api/alerts/active/${slow.id}/resolve`, payload: { comment: 'fixed the index' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: expect.stringContaining('@') });
    expect(h.slack.requests.at(-1)!.json<any>().text).toContain('[RESOLVED] Database slow');
    expect((await h.t.inject({ method: 'POST', url: `/api/alerts/active/${slow.id}/acknowledge`, payload: { comment: 'late' } })).json()).toMatchObject({ status: 409, code: 'alert_not_open' });
  });

  it("mutes alerts of a component in the status plugin's maintenance window, and notifies when it ends", async () => {
    await h.createRule(rule({ name: 'API down', severity: 'critical', component: 'api', filter: { monitor: 'api' } }));
    windows.push({ id: 'w1', title: 'API upgrade', startsAt: new Date(clock.now - 60_000).toISOString(), endsAt: new Date(clock.now + 90_000).toISOString(), components: ['api'], tenantId: null });
    const before = h.slack.requests.length;
    clock.advanceMinutes(1);
    await h.observe('health_up', 0, { monitor: 'api' });
    await h.evaluate();
    expect((await active()).find((a) => a.ruleName === 'API down')).toMatchObject({ state: 'firing', mutedReason: 'maintenance: API upgrade' });
    expect(h.slack.requests).toHaveLength(before);
    clock.advanceMinutes(1);
    await h.observe('health_up', 0, { monitor: 'api' });
    await h.evaluate();
    expect(h.slack.requests).toHaveLength(before + 1);
    expect(h.slack.requests.at(-1)!.json<any>().text).toContain('[FIRING] API down');
  });

  it('reports no data for a rule whose metric stopped', async () => {
    await h.createRule(rule({ name: 'Redis gone quiet', severity: 'warning', filter: { monitor: 'redis' } }));
    clock.advanceMinutes(1);
    await h.evaluate();
    expect((await h.t.inject('/api/alerts/active?filter=' + encodeURIComponent('{"state":"no_data"}'))).json().map((a: any) => a.ruleName)).toContain('Redis gone quiet');
  });

  it('previews a rule live, and lists channels with their configuration state', async () => {
    await h.observe('health_up', 0.5, { monitor: 'stripe' });
    const preview = await h.t.inject({ method: 'POST', url: '/api/alerts/rules/preview', payload: rule({ name: 'x', severity: 'info', groupBy: ['monitor'], condition: 'lt', threshold: 0.75 }) });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().groups).toEqual(expect.arrayContaining([expect.objectContaining({ labels: { monitor: 'stripe' }, value: 0.5, breaching: true })]));
    expect(preview.json().recoveryThreshold).toBeCloseTo(0.825);
    const channels = (await h.t.inject('/api/alerts/channels')).json();
    expect(channels.map((c: any) => [c.id, c.configured])).toEqual(expect.arrayContaining([['slack', true], ['email', true], ['pagerduty', true], ['webhook', true]]));
    const test = await h.t.inject({ method: 'POST', url: '/api/alerts/channels/slack/test' });
    expect(test.json()).toMatchObject({ ok: true });
  });

  it('answers 400 naming the field for bad rules', async () => {
    const post = (payload: Record<string, unknown>) => h.t.inject({ method: 'POST', url: '/api/alerts/rules', payload });
    const base = rule({ name: 'r', severity: 'warning' });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, condition: 'gt', threshold: 10, recoveryThreshold: 12 }, 'recoveryThreshold'],
      [{ ...base, channels: ['carrier-pigeon'] }, 'channels'],
      [{ ...base, severity: 'apocalyptic' }, 'severity'],
      [{ ...base, filter: { user_id: 'x' } }, 'filter'],
      [{ ...base, metric: 'Bad Metric' }, 'metric'],
      [{ ...base, filter: { monitor: 'x' }, groupBy: ['monitor'] }, 'groupBy'],
      [{ ...base, aggregation: 'error_rate', groupBy: ['status_class'] }, 'aggregation'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().field, res.body).toMatch(new RegExp(`^/?${field}`));
    }
    const created = await post({ ...base, name: 'ok' });
    expect(created.statusCode).toBe(201);
    const update = await h.t.inject({ method: 'PUT', url: `/api/alerts/rules/${created.json().id}`, payload: { recoveryThreshold: 0.2 } });
    expect(update.json()).toMatchObject({ status: 400, field: 'recoveryThreshold' });
  });

  it('is staff-only: tenant users cannot read alerts or rules', async () => {
    const tenant = await h.t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    expect((await tenant.inject('/api/alerts/active')).statusCode).toBe(403);
    expect((await tenant.inject('/api/alerts/rules')).statusCode).toBe(403);
    const readOnly = await h.t.signIn({ role: 'read_only' });
    expect((await readOnly.inject('/api/alerts/active')).statusCode).toBe(200);
    expect((await readOnly.inject({ method: 'POST', url: '/api/alerts/evaluate' })).statusCode).toBe(403);
  });
});
