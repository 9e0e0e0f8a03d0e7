import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createMetricsPlugin } from '@platform/plugin-metrics';
import { createAlertsPlugin } from '@platform/plugin-alerts';
import { createIncidentsPlugin } from '../src/index.ts';

describe('incidents opened from alerts', () => {
  let t: TestKernel;
  let now = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
  const clock = () => now;
  const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false, clock });
  const alerts = createAlertsPlugin({ clock });
  let alertId: string;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [metrics, alerts, createIncidentsPlugin({ clock })] });
    const rule = await t.inject({
      method: 'POST',
      url: '/api/alerts/rules',
      payload: { name: 'Database down', description: 'PostgreSQL health check failing', metric: 'health_up', aggregation: 'last', filter: { monitor: 'postgres' }, condition: 'lt', threshold: 0.5, windowMinutes: 1, forMinutes: 0, severity: 'critical', component: 'database', channels: [] },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    metrics.runtime().recorder.gauge('health_up', 0, { monitor: 'postgres' });
    await metrics.runtime().flush();
    await alerts.runtime().evaluator.evaluate();
    alertId = (await t.inject('/api/alerts/active')).json()[0].id;
  });
  afterAll(async () => t?.close());

  it('pre-fills the incident from the alert and dedupes on its firing episode', async () => {
    const first = await t.inject({ method: 'POST', url: '/api/incidents/incidents/from-alert', payload: { alertId } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      title: 'Database down (monitor=postgres)',
      severity: 2,
      affectedSystems: ['database'],
      incidentKey: expect.stringMatching(/^alert:[0-9a-f]{32}:/),
      description: expect.stringContaining('PostgreSQL health check failing'),
      created: true,
    });
    const again = await t.inject({ method: 'POST', url: '/api/incidents/incidents/from-alert', payload: { alertId } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, created: false });
    const d = (await t.inject(`/api/incidents/incidents/${first.json().id}`)).json();
    expect(d.alerts).toEqual([expect.objectContaining({ alertId, ruleName: 'Database down' })]);
    expect(d.timeline.map((e: any) => e.message)).toContain('Alert rule "Database down" triggered this incident');
  });

  it('adds timeline entries when the linked alert is acknowledged and resolves', async () => {
    const incidentId = (await t.inject('/api/incidents/incidents')).json()[0].id;
    const ack = await t.inject({ method: 'POST', url: `/api/alerts/active/${alertId}/acknowledge`, payload: { comment: 'failing over' } });
    expect(ack.statusCode, ack.body).toBe(201);
    now += 60_000;
    metrics.runtime().recorder.gauge('health_up', 1, { monitor: 'postgres' });
    await metrics.runtime().flush();
    await alerts.runtime().evaluator.evaluate();
    await t.kernel.services.events.drain();
    await t.kernel.services.events.drain();
    const entries = (await t.inject(`/api/incidents/incidents/${incidentId}`)).json().timeline.map((e: any) => [e.entryType, e.message]);
    expect(entries).toEqual(expect.arrayContaining([
      ['alert_acknowledged', expect.stringMatching(/^Alert "Database down" acknowledged by .*@/)],
      ['alert_resolved', 'Alert "Database down" resolved (value 1, threshold 0.5)'],
    ]));
    expect(entries.filter((e: string[]) => e[0] === 'alert_fired')).toEqual([]);
  });

  it('refuses an unknown alert naming the field', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/incidents/incidents/from-alert', payload: { alertId: '00000000-0000-4000-8000-000000000000' } });
    expect(res.json()).toMatchObject({ status: 400, field: 'alertIds' });
  });
});
