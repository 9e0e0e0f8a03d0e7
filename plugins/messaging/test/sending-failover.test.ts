import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHttpServer, TestKernel } from '@platform/sdk/testing';
import { InTestCredits } from './support/fake-providers.ts';
import { acceptingSms, addConfig, answering, assign, createMessagingKernel, messageCount, slow, type MessagingKernel } from './support/messaging-kernel.ts';

/**
 * Sending through a real kernel: failover from a provider answering 500, one timing out and one refusing the
 * credentials to the next one, each try recorded on the message; a rejection is final; credits reserved,
 * consumed or refunded. Credits come from an in-test account here (the ledger has its own tests).
 */
describe('sending with failover', () => {
  let mk: MessagingKernel;
  let t: TestKernel;
  const credits = new InTestCredits();
  const servers: Record<string, FakeHttpServer> = {};
  const ids: Record<string, string> = {};
  let tenantId: string;
  let admin: Awaited<ReturnType<TestKernel['signIn']>>;

  beforeAll(async () => {
    mk = await createMessagingKernel(credits);
    t = mk.t;
    servers.down = await answering(500);
    servers.slow = await slow();
    servers.badAuth = await answering(401, { message: 'invalid api key' });
    servers.good = await acceptingSms();
    servers.rejecting = await answering(400, { message: 'invalid destination' });
    for (const [name, s] of Object.entries(servers)) ids[name] = await addConfig(t, 'sms', name, s.url);
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    tenantId = admin.tenant!.id;
    credits.balance.set(tenantId, 100);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  const clear = () => Object.values(servers).forEach((s) => s.requests.splice(0));
  const sendSms = (payload: Record<string, unknown> = {}) =>
    admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'Your code is 123456', ...payload } });

  it('fails over from a 500, a timeout and a 401 to the next provider, and records every try on the message', async () => {
    await assign(t, tenantId, 'sms', [ids.down, ids.slow, ids.badAuth, ids.good]);
    clear();
    const res = await sendSms();
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json();
    expect(sent).toMatchObject({ status: 'queued', providerConfigId: ids.good, providerId: 'fake-sms', segments: 1, cost: { amountMinor: 79, currency: 'USD', amountMicros: 785_000 } });
    expect(sent.providerMessageId).toMatch(/^SM\d+$/);
    for (const name of ['down', 'slow', 'badAuth', 'good']) expect(servers[name].requests, name).toHaveLength(1);
    // The provider is given the message id as its idempotency key, and the configuration's callback URL.
    const req = servers.good.requests[0];
    expect(req.headers['idempotency-key']).toBe(sent.id);
    expect(new URLSearchParams(req.body).get('StatusCallback')).toBe(`https://platform.test/api/messaging/callbacks/${ids.good}`);

    const detail = (await admin.inject(`/api/messaging/messages/${sent.id}`)).json();
    expect(detail.attempts.map((a: any) => [a.providerConfigId, a.outcome, a.httpStatus])).toEqual([
      [ids.down, 'unavailable', 500],
      [ids.slow, 'timeout', null],
      [ids.badAuth, 'auth', 401],
      [ids.good, 'sent', null],
    ]);
    expect(detail.attempts[0].detail).toContain('HTTP 500');
    expect(detail.attempts[2].detail).not.toContain('key-live');
    expect(detail.history.map((h: any) => h.status)).toEqual(['queued']);
    expect(credits.movements.filter((m) => m.messageId === sent.id).map((m) => m.kind)).toEqual(['reserve', 'consume']);
  });

  it('does not fail over a rejected message: it is failed, the next provider gets nothing, the credits come back', async () => {
    await assign(t, tenantId, 'sms', [ids.rejecting, ids.good]);
    clear();
    const before = credits.balance.get(tenantId)!;
    const res = await sendSms();
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.status).toBe('failed');
    expect(m.error).toContain('rejected');
    expect(servers.rejecting.requests).toHaveLength(1);
    expect(servers.good.requests).toHaveLength(0);
    const detail = (await admin.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail.attempts.map((a: any) => a.outcome)).toEqual(['rejected']);
    expect(detail.history.map((h: any) => h.status)).toEqual(['queued', 'failed']);
    expect(credits.balance.get(tenantId)).toBe(before);
    expect(credits.movements.filter((x) => x.messageId === m.id).map((x) => [x.kind, x.reason])).toEqual([['reserve', undefined], ['refund', 'provider_rejected']]);
  });

  it('marks the message failed and refunds when every provider fails', async () => {
    await assign(t, tenantId, 'sms', [ids.down, ids.badAuth]);
    const before = credits.balance.get(tenantId)!;
    const m = (await sendSms()).json();
    expect(m.status).toBe('failed');
    expect(m.error).toMatch(/^auth:/);
    expect(credits.balance.get(tenantId)).toBe(before);
  });

  it('follows the platform default order when the tenant has none', async () => {
    const other = await t.signIn({ role: 'tenant_admin', tenant: 'beta' });
    credits.balance.set(other.tenant!.id, 5);
    await assign(t, null, 'sms', [ids.good]);
    clear();
    const res = await other.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'hi' } });
    expect(res.json()).toMatchObject({ status: 'queued', providerConfigId: ids.good, tenantId: other.tenant!.id });
    expect(servers.good.requests).toHaveLength(1);
    const effective = (await other.inject('/api/messaging/assignments/effective?channel=sms')).json();
    expect(effective).toMatchObject({ inherited: true, providers: [{ id: ids.good, name: 'good' }] });
  });

  it('sends once per idempotency key: the same key returns the first message', async () => {
    await assign(t, tenantId, 'sms', [ids.good]);
    clear();
    const first = await sendSms({ idempotencyKey: 'invoice-42' });
    const again = await sendSms({ idempotencyKey: 'invoice-42', body: 'a different body' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, created: false, body: 'Your code is 123456' });
    expect(servers.good.requests).toHaveLength(1);
  });

  it('sends concurrent requests with one idempotency key once', async () => {
    await assign(t, tenantId, 'sms', [ids.good]);
    clear();
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendSms({ idempotencyKey: 'race-1' })));
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(servers.good.requests).toHaveLength(1);
  });

  it('with wait: false answers once queued and sends in the background', async () => {
    await assign(t, tenantId, 'sms', [ids.down, ids.good]);
    clear();
    const res = await sendSms({ wait: false });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'queued', providerMessageId: null });
    let detail: any;
    for (let i = 0; i < 100; i++) {
      detail = (await admin.inject(`/api/messaging/messages/${res.json().id}`)).json();
      if (detail.providerMessageId) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(detail).toMatchObject({ providerConfigId: ids.good });
    expect(detail.attempts.map((a: any) => a.outcome)).toEqual(['unavailable', 'sent']);
  });

  it('refuses with 402 when the credits do not cover the segments: nothing sent, nothing recorded', async () => {
    await assign(t, tenantId, 'sms', [ids.good]);
    clear();
    credits.balance.set(tenantId, 1);
    const rows = await messageCount(t);
    const res = await sendSms({ body: 'x'.repeat(200) }); // two segments
    expect(res.statusCode, res.body).toBe(402);
    expect(res.json()).toMatchObject({ code: 'insufficient_credits' });
    expect(servers.good.requests).toHaveLength(0);
    expect(await messageCount(t)).toBe(rows);
    expect(credits.balance.get(tenantId)).toBe(1);
    credits.balance.set(tenantId, 100);
  });

  it('sends for other plugins through MESSAGING_SERVICE', async () => {
    await assign(t, tenantId, 'sms', [ids.down, ids.good]);
    clear();
    const receipt = await mk.consumer.sender().send({ channel: 'sms', tenantId, to: '+14155550100', body: 'From billing', purpose: 'invoice' });
    expect(receipt).toMatchObject({ status: 'queued', channel: 'sms', providerConfigId: ids.good, error: null });
    expect(servers.down.requests).toHaveLength(1);
    expect(servers.good.requests).toHaveLength(1);
  });

  it('lists messages react-admin style with filters on status, channel, provider, dates and recipient', async () => {
    const q = (filter: Record<string, unknown>, extra = '') => admin.inject(`/api/messaging/messages?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`);
    const all = await q({});
    const total = Number(String(all.headers['content-range']).split('/')[1]);
    expect(total).toBe(7);
    const failed = (await q({ status: 'failed' })).json();
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((m: any) => m.status === 'failed')).toBe(true);
    const viaGood = (await q({ providerConfigId: ids.good, providerId: 'fake-sms', channel: 'sms' })).json();
    expect(viaGood.length).toBeGreaterThan(0);
    expect(viaGood.every((m: any) => m.providerConfigId === ids.good && m.html === undefined)).toBe(true);
    expect((await q({ from: '2999-01-01T00:00:00Z' })).json()).toEqual([]);
    expect((await q({ to: '2000-01-01' })).json()).toEqual([]);
    expect((await q({ q: '5550100' })).json()).toHaveLength(Math.min(total, 25));
    const page = await q({}, `&range=${encodeURIComponent('[0,1]')}&sort=${encodeURIComponent('["createdAt","ASC"]')}`);
    expect(page.json()).toHaveLength(2);
    expect(page.headers['content-range']).toBe(`messages 0-1/${total}`);
    expect((await q({ status: { $ne: 'x' } })).json()).toMatchObject({ field: 'filter.status' });
  });

  it('answers 409 no_provider when no enabled provider is assigned, before writing anything', async () => {
    const lonely = await t.signIn({ role: 'tenant_admin', tenant: 'lonely' });
    await assign(t, null, 'email', [await addConfig(t, 'email', 'disabled mail', servers.good.url)]);
    await t.inject({ method: 'PATCH', url: `/api/messaging/providers/${(await t.inject('/api/messaging/providers?filter={"channel":"email"}')).json()[0].id}`, payload: { enabled: false } });
    const rows = await messageCount(t);
    const res = await lonely.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'email', to: 'a@example.com', subject: 'Hi', text: 'Hello' } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'no_provider', field: 'channel' });
    expect(await messageCount(t)).toBe(rows);
  });
});
