import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { TestClock } from './support/test-clock.ts';

/** Two instances on one database: a fast-path evaluation on one and the tick on the other never both commit. */
describe('alert evaluation on two instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: { slack: FakeHttpServer; webhook: FakeHttpServer; pagerduty: FakeHttpServer; smtp: SmtpSink };
  let a: AlertsHarness;
  let b: AlertsHarness;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await createTestDatabase();
    const ok = (_req: unknown, res: import('node:http').ServerResponse) => void res.end('ok');
    servers = { slack: await startFakeHttpServer(ok), webhook: await startFakeHttpServer(ok), pagerduty: await startFakeHttpServer(ok), smtp: await startSmtpSink() };
    const secretKey = randomBytes(32);
    const boot = (fastPath: boolean) => startAlertsHarness({ clock, servers, alerts: { evaluateOnWrite: fastPath }, kernel: { databaseUrl: db.url, config: { secretKey } } });
    a = await boot(true);
    b = await boot(false);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await Promise.all([servers?.slack.close(), servers?.webhook.close(), servers?.pagerduty.close(), servers?.smtp.close()]);
    await db?.drop();
  });

  it('fires each alert once, whichever evaluation wins the claim', async () => {
    await a.createRule({ name: 'Queue backed up', metric: 'queue_depth', aggregation: 'last', condition: 'gt', threshold: 100, windowMinutes: 1, forMinutes: 0, groupBy: ['queue'], severity: 'warning', channels: ['webhook'] });
    for (let round = 0; round < 6; round++) {
      clock.advanceMinutes(1);
      a.metrics.runtime().recorder.gauge('queue_depth', 500, { queue: `q${round}` });
      // Instance A writes the breach (its fast path evaluates) while instance B runs the tick.
      await Promise.all([a.metrics.runtime().flush().then(() => a.alerts.runtime().evaluator.settled()), b.evaluate()]);
    }
    await b.evaluate();
    const fired = await a.t.sql<{ fingerprint: string; n: number }>(`SELECT fingerprint, count(*)::int AS n FROM alerts_history WHERE event = 'fired' GROUP BY fingerprint`);
    expect(fired).toHaveLength(6);
    expect(fired.every((f) => f.n === 1)).toBe(true);
    const firingPosts = servers.webhook.requests.filter((r) => r.json<any>().status === 'firing');
    expect(firingPosts.flatMap((r) => r.json<any>().alerts.map((x: any) => x.labels.queue)).sort()).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });
});

/** Both instances on the fast path, with its minimum interval holding writes back: every breach fires once, none is lost. */
describe('held fast-path evaluations on two instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: { slack: FakeHttpServer; webhook: FakeHttpServer; pagerduty: FakeHttpServer; smtp: SmtpSink };
  let a: AlertsHarness;
  let b: AlertsHarness;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await createTestDatabase();
    const ok = (_req: unknown, res: import('node:http').ServerResponse) => void res.end('ok');
    servers = { slack: await startFakeHttpServer(ok), webhook: await startFakeHttpServer(ok), pagerduty: await startFakeHttpServer(ok), smtp: await startSmtpSink() };
    const secretKey = randomBytes(32);
    const boot = () => startAlertsHarness({ clock, servers, alerts: { evaluateOnWrite: true, fastPathMinIntervalMs: 2000 }, kernel: { databaseUrl: db.url, config: { secretKey } } });
    a = await boot();
    b = await boot();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await Promise.all([servers?.slack.close(), servers?.webhook.close(), servers?.pagerduty.close(), servers?.smtp.close()]);
    await db?.drop();
  });

  it('fires each alert once when both instances write the metric faster than the interval', async () => {
    await a.createRule({ name: 'Queue backed up', metric: 'queue_depth', aggregation: 'last', condition: 'gt', threshold: 100, windowMinutes: 1, forMinutes: 0, groupBy: ['queue'], severity: 'warning', channels: ['webhook'] });
    const queues: string[] = [];
    for (let round = 0; round < 8; round++) {
      const writer = round % 2 === 0 ? a : b;
      queues.push(`q${round}`);
      writer.metrics.runtime().recorder.gauge('queue_depth', 500, { queue: `q${round}` });
      // Not settled between rounds: later writes find the metric held; B also ticks now and then.
      await writer.metrics.runtime().flush();
      if (round % 3 === 2) void b.evaluate();
      await new Promise((r) => setTimeout(r, 40));
    }
    await Promise.all([a.alerts.runtime().evaluator.settled(), b.alerts.runtime().evaluator.settled()]);
    const firedCount = async () => (await a.t.sql(`SELECT DISTINCT fingerprint FROM alerts_history WHERE event = 'fired'`)).length;
    expect(await firedCount()).toBe(queues.length); // by the fast paths (held ones included) and the few ticks
    await b.evaluate();
    const fired = await a.t.sql<{ fingerprint: string; n: number }>(`SELECT fingerprint, count(*)::int AS n FROM alerts_history WHERE event = 'fired' GROUP BY fingerprint`);
    expect(fired).toHaveLength(queues.length);
    expect(fired.every((f) => f.n === 1)).toBe(true);
    const firingPosts = servers.webhook.requests.filter((r) => r.json<any>().status === 'firing');
    expect(firingPosts.flatMap((r) => r.json<any>().alerts.map((x: any) => x.labels.queue)).sort()).toEqual([...queues].sort());
    expect(a.alerts.runtime().evaluator.fastPathStats().held + b.alerts.runtime().evaluator.fastPathStats().held).toBeGreaterThan(0);
  });
});
