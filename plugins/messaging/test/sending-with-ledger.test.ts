import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { fakeEmailPlugin, fakeSmsPlugin } from './support/fake-providers.ts';
import { acceptingSms, addConfig, answering, assign, BASE_URL, messageCount } from './support/messaging-kernel.ts';

/**
 * Sending as the product runs it: the messaging plugin's own SMS credit ledger and stored templates (no
 * stand-ins). Reservation with the message, consumption on acceptance, refund on rejection, 402 with
 * nothing written, and a burst of concurrent sends against a small balance.
 */
describe('sending with the credit ledger and the stored templates', () => {
  let t: TestKernel;
  let admin: TestClient;
  let tenantId: string;
  let good: FakeHttpServer;
  let rejecting: FakeHttpServer;
  let goodId: string;
  let rejectingId: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin(), fakeSmsPlugin, fakeEmailPlugin], config: { baseUrl: BASE_URL } });
    good = await acceptingSms();
    rejecting = await answering(400, { message: 'unreachable destination' });
    goodId = await addConfig(t, 'sms', 'good', good.url);
    rejectingId = await addConfig(t, 'sms', 'rejecting', rejecting.url);
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'ledgered' });
    tenantId = admin.tenant!.id;
    await assign(t, tenantId, 'sms', [goodId]);
  });
  afterAll(async () => {
    await t?.close();
    await good?.close();
    await rejecting?.close();
  });

  const account = async () => (await t.inject(`/api/messaging/credits/${tenantId}?range=${encodeURIComponent('[0,99]')}`)).json();
  const topUp = async (amount: number) => {
    const res = await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount, reason: 'test' } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const sendSms = (payload: Record<string, unknown> = {}) => admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'hello', ...payload } });
  const movementsOf = async (messageId: string) => (await account()).movements.filter((m: any) => m.messageId === messageId).map((m: any) => [m.kind, m.amount]);

  it('refuses with 402 insufficient_credits on an empty account: no message, no request to the provider, no movement', async () => {
    const rows = await messageCount(t);
    const res = await sendSms();
    expect(res.statusCode, res.body).toBe(402);
    expect(res.json()).toMatchObject({ code: 'insufficient_credits' });
    expect(await messageCount(t)).toBe(rows);
    expect(good.requests).toHaveLength(0);
    expect((await account()).balance).toBe(0);
  });

  it('reserves the segments with the message and consumes them when a provider takes it', async () => {
    await topUp(3);
    const m = (await sendSms({ body: 'x'.repeat(200) })).json();
    expect(m).toMatchObject({ status: 'queued', segments: 1, creditsReserved: 2 });
    // The fake provider counts 1 segment: the ledger charges what the provider counted and gives the rest back.
    expect((await account()).balance).toBe(2);
    expect(await movementsOf(m.id)).toEqual(expect.arrayContaining([['reservation', -2]]));
    expect((await movementsOf(m.id)).map((x: any) => x[0]).sort()).toEqual(['consumption', 'refund', 'reservation']);
  });

  it('refunds a rejected message', async () => {
    await assign(t, tenantId, 'sms', [rejectingId, goodId]);
    const before = (await account()).balance;
    const m = (await sendSms()).json();
    expect(m.status).toBe('failed');
    expect((await account()).balance).toBe(before);
    expect((await movementsOf(m.id)).map((x: any) => x[0]).sort()).toEqual(['refund', 'reservation']);
    await assign(t, tenantId, 'sms', [goodId]);
  });

  it('sends exactly as many of 12 concurrent messages as the balance covers; the rest get 402 and the balance never goes negative', async () => {
    await topUp(3); // 2 + 3 = 5 credits
    good.requests.splice(0);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => sendSms({ body: `burst ${i}` })));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 402)).toHaveLength(7);
    expect(good.requests).toHaveLength(5);
    expect((await account()).balance).toBe(0);
  });

  it('renders a stored template (alert.fired) and refuses an unknown variable with a 400 naming it', async () => {
    await topUp(2);
    const res = await sendSms({ body: undefined, template: 'alert.fired', data: { alertName: 'API errors', severity: 'critical' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ body: '[critical] API errors', templateKey: 'alert.fired', language: 'en' });
    expect(res.json().templateVersionId).toBeTruthy();
    const rows = await messageCount(t);
    const bad = await sendSms({ body: undefined, template: 'alert.fired', data: { severity: 'critical' } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().field).toMatch(/^data\.alertName$/);
    expect(await messageCount(t)).toBe(rows);
  });
});
