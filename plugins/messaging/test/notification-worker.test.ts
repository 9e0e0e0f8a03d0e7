import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { NOTIFICATION_SUBSCRIBER } from '../src/notifications/notifications-module.ts';
import { InTestCredits, fakeEmailPlugin, fakeSmsPlugin } from './support/fake-providers.ts';
import { InTestTemplates } from './support/notification-templates.ts';
import { addConfig, assign } from './support/messaging-kernel.ts';

const RULES = '/api/messaging/notification-rules';

/**
 * The notification worker on a real kernel: durable events through the outbox, the real sender with a fake SMS
 * and a fake email provider over HTTP, an in-test credit account and in-test templates.
 */
describe('notification worker', () => {
  let t: TestKernel;
  let sms: FakeHttpServer;
  let email: FakeHttpServer;
  let a: TestClient;
  let b: TestClient;
  const credits = new InTestCredits();
  const templates = new InTestTemplates();
  let sid = 0;

  const accept = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.statusCode = 201;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ sid: `SM${++sid}`, id: `em_${sid}`, status: 'sent' }));
  };

  beforeAll(async () => {
    sms = await startFakeHttpServer(accept);
    email = await startFakeHttpServer(accept);
    t = await createTestKernel({
      plugins: [createMessagingPlugin({ credits: () => credits, templates: () => templates }), fakeSmsPlugin, fakeEmailPlugin],
      config: { baseUrl: 'https://platform.test' },
    });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'worker-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'worker-b' });
    await assign(t, null, 'sms', [await addConfig(t, 'sms', 'sms', sms.url)]);
    await assign(t, null, 'email', [await addConfig(t, 'email', 'email', email.url)]);
    credits.balance.set(a.tenant!.id, 1000);
    credits.balance.set(b.tenant!.id, 1000);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([sms?.close(), email?.close()]);
  });
  beforeEach(() => {
    sms.requests.splice(0);
    email.requests.splice(0);
  });

  const emit = async (name: string, payload: Record<string, unknown>): Promise<string> => {
    const em = t.kernel.orm.em.fork();
    await em.transactional((tx) => t.kernel.services.events.emitDurable(tx, name, payload));
    const [{ id }] = await t.sql<{ id: string }>(`SELECT max(id)::text AS id FROM kernel_outbox WHERE name = $1`, [name]);
    return id;
  };
  const drain = () => t.kernel.services.events.drain();
  /** The kernel retries a failed delivery after its backoff; tests make it due now instead of waiting. */
  const makeRetriesDue = () => t.sql(`UPDATE kernel_outbox_delivery SET next_attempt_at = now() WHERE subscriber = $1 AND status = 'pending'`, [NOTIFICATION_SUBSCRIBER]);
  const deliveries = (eventId: string) =>
    t.sql<{ rule_id: string; recipient: string; status: string; message_id: string | null; error_code: string | null; attempts: number; idempotency_key: string }>(
      `SELECT rule_id, recipient, status, message_id, error_code, attempts, idempotency_key FROM messaging_notification_deliveries WHERE event_id = $1::bigint ORDER BY recipient`,
      [eventId],
    );
  const outboxStatus = async (eventId: string) =>
    (await t.sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM kernel_outbox_delivery WHERE event_id = $1::bigint AND subscriber = $2`, [eventId, NOTIFICATION_SUBSCRIBER]))[0];
  const smsTo = (to: string) => sms.requests.filter((r) => new URLSearchParams(r.body).get('To') === to);
  /** Through the API (the worker's rules are cached; a rule change made by the routes drops the cache). */
  const disable = async (client: TestClient, ...ids: string[]) => {
    for (const id of ids) {
      const res = await client.inject({ method: 'PATCH', url: `${RULES}/${id}`, payload: { enabled: false } });
      expect(res.statusCode, res.body).toBe(200);
    }
  };
  const createRule = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.inject({ method: 'POST', url: RULES, payload: { name: 'rule', channel: 'sms', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  it('sends each (rule, recipient) of a matching event once, with the idempotency key, and records the message; a redelivery sends nothing', async () => {
    const rule = await createRule(a, { eventPattern: 'order.paid', templateKey: 'order-paid', recipients: ['+447911123456'], recipientPaths: ['payload.phone'] });
    const emailRule = await createRule(a, { eventPattern: 'order.*', channel: 'email', templateKey: 'order-paid', recipientPaths: ['payload.email'] });
    const eventId = await emit('order.paid', { tenantId: a.tenant!.id, orderId: 'o-1', phone: '+14155552671', email: 'buyer@example.com' });
    await drain();

    expect(smsTo('+447911123456')).toHaveLength(1);
    expect(smsTo('+14155552671')).toHaveLength(1);
    expect(new URLSearchParams(smsTo('+14155552671')[0]!.body).get('Body')).toBe('Order o-1 is paid');
    expect(email.requests).toHaveLength(1);
    expect(JSON.parse(email.requests[0]!.body).to).toEqual(['buyer@example.com']);

    const rows = await deliveries(eventId);
    expect(rows.map((r) => [r.rule_id, r.recipient, r.status])).toEqual([
      [rule.id, '+14155552671', 'sent'],
      [rule.id, '+447911123456', 'sent'],
      [emailRule.id, 'buyer@example.com', 'sent'],
    ]);
    expect(rows[0]!.idempotency_key).toBe(`notif:${eventId}:${rule.id}:+14155552671`);
    const [message] = await t.sql<{ idempotency_key: string; purpose: string; tenant_id: string; status: string }>(`SELECT idempotency_key, purpose, tenant_id, status FROM messaging_messages WHERE id = $1`, [rows[0]!.message_id]);
    expect(message).toMatchObject({ idempotency_key: rows[0]!.idempotency_key, purpose: 'notification', tenant_id: a.tenant!.id, status: 'sent' });
    expect(await outboxStatus(eventId)).toMatchObject({ status: 'delivered' });

    // The kernel delivers at least once: the same event again (another instance, a retry) sends nothing more.
    await t.sql(`UPDATE kernel_outbox_delivery SET status = 'pending', next_attempt_at = now() WHERE event_id = $1::bigint AND subscriber = $2`, [eventId, NOTIFICATION_SUBSCRIBER]);
    await drain();
    expect(sms.requests).toHaveLength(2);
    expect(email.requests).toHaveLength(1);
    await disable(a, rule.id, emailRule.id);
  });

  it("applies a tenant's rules only to its own events, platform rules to every matching event, and rules added at runtime", async () => {
    const ruleB = await createRule(b, { eventPattern: 'invoice.issued', templateKey: 'order-paid', recipients: ['+447911123457'] });
    const eventA = await emit('invoice.issued', { tenantId: a.tenant!.id, orderId: 'o-2' });
    await drain();
    expect(sms.requests).toHaveLength(0);
    expect(await deliveries(eventA)).toEqual([]);

    // A platform rule created now (no restart, no new subscription) applies to the next event, whatever its tenant.
    const platform = await createRule(t.client, { eventPattern: 'invoice.*', templateKey: 'order-paid', recipients: ['+14155552672'] });
    const eventA2 = await emit('invoice.issued', { tenantId: a.tenant!.id, orderId: 'o-3' });
    await drain();
    expect(smsTo('+14155552672')).toHaveLength(1);
    expect(smsTo('+447911123457')).toHaveLength(0);
    const [row] = await deliveries(eventA2);
    expect(row).toMatchObject({ rule_id: platform.id, status: 'sent' });
    const [message] = await t.sql<{ tenant_id: string | null }>(`SELECT tenant_id FROM messaging_messages WHERE id = $1`, [row!.message_id]);
    expect(message!.tenant_id).toBeNull();
    await disable(b, ruleB.id);
    await disable(t.client, platform.id);
  });

  it('records 402 insufficient_credits, an unknown template and a missing payload recipient as final failures, without retrying', async () => {
    const poor = await t.signIn({ role: 'tenant_admin', tenant: 'worker-poor' });
    credits.balance.set(poor.tenant!.id, 0);
    const broke = await createRule(poor, { eventPattern: 'order.paid', templateKey: 'order-paid', recipients: ['+447911123456'] });
    const unknown = await createRule(poor, { eventPattern: 'order.paid', channel: 'email', templateKey: 'no-such-template', recipients: ['ops@example.com'], recipientPaths: ['payload.cc'] });
    const eventId = await emit('order.paid', { tenantId: poor.tenant!.id, orderId: 'o-4' });
    await drain();
    expect(sms.requests).toHaveLength(0);
    expect(email.requests).toHaveLength(0);
    expect((await deliveries(eventId)).map((r) => [r.rule_id, r.recipient, r.status, r.error_code])).toEqual([
      [broke.id, '+447911123456', 'failed', 'insufficient_credits'],
      [unknown.id, 'ops@example.com', 'failed', 'template_not_found'],
      [unknown.id, 'payload.cc', 'failed', 'recipient_missing'],
    ]);
    expect(await outboxStatus(eventId)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries a transient failure with the event, without sending again to the recipients already sent', async () => {
    const steady = await createRule(a, { eventPattern: 'order.shipped', templateKey: 'order-paid', recipients: ['+447911123458', '+447911123459'] });
    const flaky = await createRule(a, { eventPattern: 'order.shipped', templateKey: 'flaky', recipients: ['+14155552673'] });
    templates.flakyFailures = 1;
    const eventId = await emit('order.shipped', { tenantId: a.tenant!.id, orderId: 'o-5' });
    await drain();
    expect(sms.requests).toHaveLength(2);
    expect(await outboxStatus(eventId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await deliveries(eventId)).find((r) => r.rule_id === flaky.id)).toMatchObject({ status: 'pending', error_code: 'send_error', attempts: 1 });

    await makeRetriesDue();
    await drain();
    expect(smsTo('+447911123458')).toHaveLength(1);
    expect(smsTo('+447911123459')).toHaveLength(1);
    expect(smsTo('+14155552673')).toHaveLength(1);
    expect(new URLSearchParams(smsTo('+14155552673')[0]!.body).get('Body')).toBe('Flaky o-5');
    const rows = await deliveries(eventId);
    expect(rows.map((r) => [r.rule_id, r.status, r.attempts])).toEqual([
      [flaky.id, 'sent', 2],
      [steady.id, 'sent', 1],
      [steady.id, 'sent', 1],
    ]);
    expect(await outboxStatus(eventId)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('ends in the dead letters after its last attempt when the failure persists', async () => {
    await createRule(a, { eventPattern: 'order.lost', templateKey: 'flaky', recipients: ['+14155552674'] });
    templates.flakyFailures = 100;
    const eventId = await emit('order.lost', { tenantId: a.tenant!.id, orderId: 'o-6' });
    for (let i = 0; i < 8; i++) {
      await makeRetriesDue();
      await drain();
    }
    templates.flakyFailures = 0;
    expect(await outboxStatus(eventId)).toMatchObject({ status: 'dead', attempts: 8 });
    const dead = await t.kernel.services.events.listDeadLetters({ subscriber: NOTIFICATION_SUBSCRIBER });
    expect(dead.map((d) => d.eventId)).toContain(eventId);
    expect(sms.requests).toHaveLength(0);
    // An operator retries the dead letter once the cause is fixed: it is sent, once.
    expect(await t.kernel.services.events.retryDeadLetter(eventId, NOTIFICATION_SUBSCRIBER)).toBe(true);
    await drain();
    expect(smsTo('+14155552674')).toHaveLength(1);
    expect((await deliveries(eventId))[0]).toMatchObject({ status: 'sent', attempts: 9 });
  });

  it('reads rules from its cache, which a change announced by another instance drops', async () => {
    const rule = await createRule(a, { eventPattern: 'cache.check', templateKey: 'order-paid', recipients: ['+14155552675'] });
    await emit('cache.check', { tenantId: a.tenant!.id, orderId: 'o-7' });
    await drain();
    expect(smsTo('+14155552675')).toHaveLength(1);
    // Another instance disables the rule: its write, then its announcement on commit (as AnnouncedCache.change does).
    await t.sql(`UPDATE messaging_notification_rules SET enabled = false WHERE id = $1`, [rule.id]);
    const announced = new Promise<void>((resolve) => {
      const stop = t.kernel.services.broadcast.subscribe('messaging.notification-rules', () => {
        stop();
        resolve();
      });
    });
    await t.kernel.services.broadcast.publish('messaging.notification-rules', null);
    await announced;
    await emit('cache.check', { tenantId: a.tenant!.id, orderId: 'o-8' });
    await drain();
    expect(smsTo('+14155552675')).toHaveLength(1);
  });
});
