import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertsHarness, ROUTING_KEY, WEBHOOK_SECRET, type AlertsHarness } from './support/alerts-harness.ts';
import { verifyWebhook } from '@platform/plugin-alert-channel-webhook';

/** firing → notification → acknowledgement silences repeats → resolve notification, through every channel. */
describe('alert notification flow', () => {
  let h: AlertsHarness;
  let ruleId: string;
  beforeAll(async () => {
    h = await startAlertsHarness();
    const rule = await h.createRule({
      name: 'Build queue backed up',
      description: 'Builds wait too long',
      metric: 'queue_depth',
      aggregation: 'last',
      groupBy: ['queue'],
      condition: 'gt',
      threshold: 100,
      windowMinutes: 1,
      forMinutes: 2,
      repeatIntervalMinutes: 10,
      severity: 'critical',
      component: 'builds',
      channels: ['slack', 'pagerduty', 'webhook', 'email'],
    });
    ruleId = rule.id;
  });
  afterAll(async () => h?.close());

  const alertsOf = async () => (await h.t.inject('/api/alerts/active')).json() as any[];

  it('fires only after the breach lasts the for-duration, per dimension', async () => {
    await h.observe('queue_depth', 150, { queue: 'builds' });
    await h.observe('queue_depth', 20, { queue: 'emails' });
    await h.evaluate();
    expect((await alertsOf()).map((a) => [a.labels.queue, a.state])).toEqual([['builds', 'pending']]);
    h.clock.advanceMinutes(1);
    await h.observe('queue_depth', 160, { queue: 'builds' });
    await h.observe('queue_depth', 400, { queue: 'emails' });
    await h.evaluate();
    expect(h.slack.requests).toHaveLength(0);
    h.clock.advanceMinutes(1);
    await h.observe('queue_depth', 170, { queue: 'builds' });
    await h.observe('queue_depth', 20, { queue: 'emails' });
    const report = await h.evaluate();
    expect(report.counts.fired).toBe(1);

    const alerts = await alertsOf();
    const builds = alerts.find((a) => a.labels.queue === 'builds');
    expect(builds).toMatchObject({ state: 'firing', value: 170, ruleName: 'Build queue backed up', severity: 'critical' });
    expect(alerts.find((a) => a.labels.queue === 'emails')).toBeUndefined();

    expect(h.slack.requests).toHaveLength(1);
    expect(h.slack.requests[0].json<any>().text).toContain('[FIRING] Build queue backed up: last(queue_depth) 170 > 100 (queue=builds)');
    const pd = h.pagerduty.requests[0].json<any>();
    expect(pd).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', dedup_key: builds.fingerprint });
    const hook = h.webhook.requests[0];
    expect(verifyWebhook(WEBHOOK_SECRET, String(hook.headers['x-platform-timestamp']), hook.body, String(hook.headers['x-platform-signature']))).toBe(true);
    expect(hook.json<any>()).toMatchObject({ version: '4', status: 'firing', alerts: [{ labels: { queue: 'builds', alertname: 'Build queue backed up' }, fingerprint: builds.fingerprint }] });
    expect(h.smtp.messages).toHaveLength(1);
    expect(h.smtp.messages[0].raw).toContain(`/alerts/active/${builds.id}/show`);
  });

  it('repeats while firing, and an acknowledgement silences the repeats', async () => {
    h.clock.advanceMinutes(10);
    await h.observe('queue_depth', 180, { queue: 'builds' });
    await h.evaluate();
    expect(h.slack.requests).toHaveLength(2);
    expect(h.slack.requests[1].json<any>().text).toContain('[STILL FIRING] Build queue backed up: last(queue_depth) 180 > 100');
    expect(h.pagerduty.requests).toHaveLength(1);

    const [alert] = await alertsOf();
    const ack = await h.t.inject({ method: 'POST', url: `/api/alerts/active/${alert.id}/acknowledge`, payload: { comment: 'On it, scaling workers' } });
    expect(ack.statusCode, ack.body).toBe(201);
    expect(new Date(ack.json().expiresAt).getTime() - h.clock.now).toBe(3_600_000);
    expect(h.pagerduty.requests.at(-1)!.json()).toEqual({ routing_key: ROUTING_KEY, event_action: 'acknowledge', dedup_key: alert.fingerprint });
    expect(h.slack.requests.at(-1)!.json<any>().text).toContain('[ACKNOWLEDGED]');
    const slackBefore = h.slack.requests.length;
    const webhookBefore = h.webhook.requests.length;

    for (let i = 0; i < 3; i++) {
      h.clock.advanceMinutes(10);
      await h.observe('queue_depth', 190, { queue: 'builds' });
      await h.evaluate();
    }
    expect(h.slack.requests).toHaveLength(slackBefore);
    expect(h.webhook.requests).toHaveLength(webhookBefore);
    const [acked] = await alertsOf();
    expect(acked.acknowledgement).toMatchObject({ comment: 'On it, scaling workers' });

    h.clock.advanceMinutes(31);
    await h.observe('queue_depth', 190, { queue: 'builds' });
    await h.evaluate();
    expect(h.slack.requests.length).toBe(slackBefore + 1);
    expect(h.slack.requests.at(-1)!.json<any>().text).toContain('STILL FIRING');
  });

  it('does not resolve inside the hysteresis band, and notifies every channel on resolve', async () => {
    h.clock.advanceMinutes(1);
    await h.observe('queue_depth', 95, { queue: 'builds' });
    await h.evaluate();
    expect((await alertsOf())[0].state).toBe('firing');
    h.clock.advanceMinutes(1);
    await h.observe('queue_depth', 85, { queue: 'builds' });
    const report = await h.evaluate();
    expect(report.counts.resolved).toBe(1);
    const [alert] = await alertsOf();
    expect(alert).toMatchObject({ state: 'resolved', resolvedBy: 'evaluator', acknowledgement: null });
    expect(h.slack.requests.at(-1)!.json<any>().text).toContain('[RESOLVED] Build queue backed up');
    expect(h.pagerduty.requests.at(-1)!.json()).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: alert.fingerprint });
    expect(h.webhook.requests.at(-1)!.json<any>()).toMatchObject({ status: 'resolved', alerts: [{ status: 'resolved' }] });
    expect(h.smtp.messages.at(-1)!.raw).toMatch(/Subject: \[CRITICAL\] RESOLVED: Build queue backed up/);
  });

  it('records every state change in the history, exportable as CSV', async () => {
    const history = (await h.t.inject(`/api/alerts/history?filter=${encodeURIComponent(JSON.stringify({ ruleId }))}&sort=["at","ASC"]&range=[0,49]`)).json();
    const of = (queue: string) => history.filter((e: any) => e.labels.queue === queue).map((e: any) => e.event);
    expect(of('builds')).toEqual(['pending', 'fired', 'acknowledged', 'resolved']);
    expect(of('emails')).toEqual(['pending', 'normal']);
    const csv = await h.t.inject('/api/alerts/history.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('id,at,alertId,ruleId,ruleName,severity,fingerprint,labels,tenantId,fromState,toState,event,value,threshold,actor,comment');
    expect(csv.body).toContain('On it, scaling workers');
    const stats = (await h.t.inject('/api/alerts/stats')).json();
    expect(stats.timeToAcknowledge).toMatchObject({ acknowledgements: 1, meanSeconds: 600 });
  });

  it('records every delivery and its attempts', async () => {
    const deliveries = (await h.t.inject('/api/alerts/deliveries?range=[0,99]')).json();
    const byChannel = (channel: string) => deliveries.filter((d: any) => d.channel === channel).map((d: any) => `${d.kind}:${d.status}`).reverse();
    expect(byChannel('pagerduty')).toEqual(['firing:delivered', 'repeat:skipped', 'acknowledged:delivered', 'repeat:skipped', 'resolved:delivered']);
    expect(byChannel('slack')).toEqual(['firing:delivered', 'repeat:delivered', 'acknowledged:delivered', 'repeat:delivered', 'resolved:delivered']);
    expect(deliveries.find((d: any) => d.channel === 'slack').attemptLog).toEqual([expect.objectContaining({ attempt: 1, ok: true, status: 200 })]);
  });
});
