import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { TestClock } from './support/test-clock.ts';

/** Delivery is retried with backoff after a failing endpoint, every attempt recorded, and nothing is lost on a restart. */
describe('durable alert delivery', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let slack: FakeHttpServer;
  let webhook: FakeHttpServer;
  let pagerduty: FakeHttpServer;
  let smtp: SmtpSink;
  const secretKey = randomBytes(32);
  const clock = new TestClock();
  let slackStatus = 500;

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await startFakeHttpServer((_req, res) => {
      res.statusCode = slackStatus;
      res.end(slackStatus === 200 ? 'ok' : 'internal_error');
    });
    webhook = await startFakeHttpServer((_req, res) => void res.end('ok'));
    pagerduty = await startFakeHttpServer((_req, res) => void res.end('{}'));
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await Promise.all([slack?.close(), webhook?.close(), pagerduty?.close(), smtp?.close()]);
    await db?.drop();
  });

  const boot = () => startAlertsHarness({ clock, servers: { slack, webhook, pagerduty, smtp }, kernel: { databaseUrl: db.url, config: { secretKey } } });
  const deliveries = (h: AlertsHarness) =>
    h.t.sql<{ kind: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(`SELECT kind, status, attempts, next_attempt_at, last_error FROM alerts_deliveries WHERE channel = 'slack' ORDER BY seq`);

  it('retries a failing endpoint with exponential backoff and keeps every attempt, across a restart', async () => {
    let h = await boot();
    await h.createRule({ name: 'Slow payments', metric: 'payment_latency_ms', aggregation: 'last', condition: 'gt', threshold: 1000, windowMinutes: 1, forMinutes: 0, severity: 'warning', channels: ['slack'] });
    await h.observe('payment_latency_ms', 4000);
    await h.evaluate();
    expect(slack.requests).toHaveLength(1);
    let [d] = await deliveries(h);
    expect(d).toMatchObject({ kind: 'firing', status: 'pending', attempts: 1, last_error: 'HTTP 500: internal_error' });
    expect(new Date(d.next_attempt_at).getTime() - clock.now).toBe(30_000);

    // Not due yet: nothing is sent.
    await h.alerts.runtime().dispatcher.runOnce();
    expect(slack.requests).toHaveLength(1);
    clock.advanceMs(30_000);
    await h.alerts.runtime().dispatcher.runOnce();
    expect(slack.requests).toHaveLength(2);
    [d] = await deliveries(h);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(new Date(d.next_attempt_at).getTime() - clock.now).toBe(60_000);

    // The instance goes away with the delivery still pending.
    await h.t.close();
    slackStatus = 200;
    h = await boot();
    try {
      clock.advanceMs(60_000);
      await h.alerts.runtime().dispatcher.runOnce();
      expect(slack.requests).toHaveLength(3);
      [d] = await deliveries(h);
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
      const attempts = await h.t.sql<{ attempt: number; ok: boolean; status: number }>(`SELECT attempt, ok, status FROM alerts_delivery_attempts ORDER BY attempt`);
      expect(attempts).toEqual([{ attempt: 1, ok: false, status: 500 }, { attempt: 2, ok: false, status: 500 }, { attempt: 3, ok: true, status: 200 }]);
      // The same notification is never queued twice: evaluating again sends nothing new.
      await h.evaluate();
      await h.alerts.runtime().dispatcher.runOnce();
      expect(slack.requests).toHaveLength(3);
    } finally {
      await h.t.close();
    }
  });

  it('gives up after the last attempt, and a failed delivery can be retried by hand', async () => {
    const h = await boot();
    try {
      slackStatus = 503;
      clock.advanceMinutes(1);
      await h.observe('payment_latency_ms', 100);
      await h.evaluate();
      for (let i = 0; i < 4; i++) {
        clock.advanceMinutes(5);
        await h.alerts.runtime().dispatcher.runOnce();
      }
      const resolved = (await deliveries(h)).find((x) => x.kind === 'resolved')!;
      expect(resolved).toMatchObject({ status: 'failed', attempts: 4 });
      expect(resolved.last_error).toMatch(/gave up after 4 attempts/);
      slackStatus = 200;
      const [row] = await h.t.sql<{ id: string }>(`SELECT id FROM alerts_deliveries WHERE status = 'failed'`);
      const retry = await h.t.inject({ method: 'POST', url: `/api/alerts/deliveries/${row.id}/retry` });
      expect(retry.statusCode, retry.body).toBe(200);
      expect((await deliveries(h)).find((x) => x.kind === 'resolved')).toMatchObject({ status: 'delivered', attempts: 1 });
      expect((await h.t.inject({ method: 'POST', url: `/api/alerts/deliveries/${row.id}/retry` })).statusCode).toBe(409);
    } finally {
      await h.t.close();
    }
  });
});
