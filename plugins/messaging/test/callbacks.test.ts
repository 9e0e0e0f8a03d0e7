import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { fakeSignature, InTestCredits } from './support/fake-providers.ts';
import { acceptingSms, addConfig, assign, BASE_URL, createMessagingKernel, SIGNING_SECRET } from './support/messaging-kernel.ts';

/**
 * Providers' callbacks at /api/messaging/callbacks/:configId: public, the raw body (form-encoded for the SMS
 * provider, JSON for the email one) handed to the provider's parser for its signature check.
 */
describe('delivery callbacks', () => {
  let t: TestKernel;
  let admin: TestClient;
  let sms: FakeHttpServer;
  let mail: FakeHttpServer;
  let smsConfig: string;
  let mailConfig: string;

  beforeAll(async () => {
    t = (await createMessagingKernel(InTestCredits.generous())).t;
    sms = await acceptingSms();
    mail = await startMail();
    smsConfig = await addConfig(t, 'sms', 'sms', sms.url);
    mailConfig = await addConfig(t, 'email', 'mail', mail.url);
    await assign(t, null, 'sms', [smsConfig]);
    await assign(t, null, 'email', [mailConfig]);
    admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
    await mail?.close();
  });

  async function startMail() {
    let n = 0;
    return startFakeHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `em_${++n}` }));
    });
  }

  const sendSms = async () => (await admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'hello' } })).json();
  const callback = (configId: string, body: string, signature: string, contentType: string) =>
    t.kernel.app.inject({ method: 'POST', url: `/api/messaging/callbacks/${configId}`, payload: body, headers: { 'content-type': contentType, 'x-fake-signature': signature } });
  const formCallback = (sid: string, status: string, secret = SIGNING_SECRET, extra: Record<string, string> = {}) => {
    const body = new URLSearchParams({ MessageSid: sid, MessageStatus: status, ...extra }).toString();
    return callback(smsConfig, body, fakeSignature(secret, `${BASE_URL}/api/messaging/callbacks/${smsConfig}`, body), 'application/x-www-form-urlencoded');
  };

  it('refuses a callback with a bad or missing signature with 401, changing nothing', async () => {
    const m = await sendSms();
    const res = await formCallback(m.providerMessageId, 'delivered', 'the-wrong-secret');
    expect(res.statusCode, res.body).toBe(401);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    const unsigned = await callback(smsConfig, `MessageSid=${m.providerMessageId}&MessageStatus=delivered`, '', 'application/x-www-form-urlencoded');
    expect(unsigned.statusCode).toBe(401);
    expect((await admin.inject(`/api/messaging/messages/${m.id}`)).json()).toMatchObject({ status: 'queued', history: [{ status: 'queued' }] });
  });

  it('applies a signed form-encoded status callback, once however often it is repeated', async () => {
    const m = await sendSms();
    const res = await formCallback(m.providerMessageId, 'delivered');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ applied: 1, duplicates: 0, pending: 0, ignored: 0 });
    const again = await formCallback(m.providerMessageId, 'delivered');
    expect(again.json()).toEqual({ applied: 0, duplicates: 1, pending: 0, ignored: 0 });
    // A late "sent" does not move a delivered message back.
    await formCallback(m.providerMessageId, 'sent');
    const detail = (await admin.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail.status).toBe('delivered');
    expect(detail.history.map((h: any) => [h.status, h.source])).toEqual([['queued', 'send'], ['delivered', 'callback'], ['sent', 'callback']]);
  });

  it('records a failure reported by the provider with its reason', async () => {
    const m = await sendSms();
    await formCallback(m.providerMessageId, 'undelivered', SIGNING_SECRET, { ErrorCode: '30003' });
    const detail = (await admin.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail).toMatchObject({ status: 'undelivered', error: '30003' });
  });

  it("keeps a callback that beats the provider's answer, and applies it when the send is recorded", async () => {
    // This provider calls back (delivered) before it answers the send: the message has no provider id yet.
    let fastConfig = '';
    const fast = await startFakeHttpServer(async (req, res) => {
      const body = new URLSearchParams({ MessageSid: 'SM-fast-1', MessageStatus: 'delivered' }).toString();
      const early = await callback(fastConfig, body, fakeSignature(SIGNING_SECRET, `${BASE_URL}/api/messaging/callbacks/${fastConfig}`, body), 'application/x-www-form-urlencoded');
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-early-callback', early.body);
      res.end(JSON.stringify({ sid: 'SM-fast-1', status: 'queued' }));
    });
    fastConfig = await addConfig(t, 'sms', 'fast', fast.url);
    const fastTenant = await t.signIn({ role: 'tenant_admin', tenant: 'fast' });
    await assign(t, fastTenant.tenant!.id, 'sms', [fastConfig]);
    const m = (await fastTenant.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'quick' } })).json();
    await fast.close();
    expect(m).toMatchObject({ providerMessageId: 'SM-fast-1', status: 'delivered' });
    const detail = (await fastTenant.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail.history.map((h: any) => [h.status, h.source])).toEqual([['queued', 'send'], ['delivered', 'callback']]);
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_pending_updates');
    expect(n).toBe(0);
  });

  it('applies a kept callback that a dead send left behind, on the next sweep', async () => {
    // The send recorded the provider's answer and its process died before taking the callback that had beaten it:
    // the kept row is there next to a message that has its provider id.
    const m = await sendSms();
    await t.sql(
      `INSERT INTO messaging_pending_updates (provider_config_id, provider_message_id, status, reason, provider_at, received_at) VALUES ($1, $2, 'delivered', NULL, NULL, now())`,
      [smsConfig, m.providerMessageId],
    );
    await t.kernel.services.jobs.runNow('messaging.resume-stale-messages');
    const detail = (await admin.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail.status).toBe('delivered');
    expect(detail.history.map((h: any) => [h.status, h.source])).toContainEqual(['delivered', 'callback']);
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_pending_updates WHERE provider_message_id = $1', [m.providerMessageId]);
    expect(n).toBe(0);
  });

  it('keeps callbacks about messages it does not know as pending; ignores what it cannot read', async () => {
    const res = await formCallback('SM-not-ours', 'delivered');
    expect(res.json()).toEqual({ applied: 0, duplicates: 0, pending: 1, ignored: 0 });
    const odd = await formCallback('SM-not-ours', 'teleported');
    expect(odd.json()).toEqual({ applied: 0, duplicates: 0, pending: 0, ignored: 1 });
  });

  it('takes a signed JSON event batch for email (delivered, opened)', async () => {
    const m = (await admin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'email', to: ['a@example.com', { email: 'b@example.com', name: 'B' }], subject: 'Hi', html: '<p>Hello <b>there</b></p>' } })).json();
    expect(m).toMatchObject({ status: 'sent', body: 'Hello there' });
    expect(mail.requests[0].json()).toMatchObject({ to: ['a@example.com', 'b@example.com'], text: 'Hello there', tags: { message_id: m.id } });
    const body = JSON.stringify([{ id: m.providerMessageId, type: 'delivered', at: '2026-12-07T10:00:00Z' }, { id: m.providerMessageId, type: 'opened' }]);
    const url = `${BASE_URL}/api/messaging/callbacks/${mailConfig}`;
    const res = await callback(mailConfig, body, fakeSignature(SIGNING_SECRET, url, body), 'application/json');
    expect(res.json()).toEqual({ applied: 2, duplicates: 0, pending: 0, ignored: 0 });
    const detail = (await admin.inject(`/api/messaging/messages/${m.id}`)).json();
    expect(detail.status).toBe('opened');
    expect(detail.history.find((h: any) => h.status === 'delivered').providerAt).toBe('2026-12-07T10:00:00.000Z');
    const tampered = await callback(mailConfig, body.replace('opened', 'bounced'), fakeSignature(SIGNING_SECRET, url, body), 'application/json');
    expect(tampered.statusCode).toBe(401);
  });

  it('documents the routes in the OpenAPI document, the callback as public', async () => {
    const doc = (await t.kernel.app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/messaging/messages', '/api/messaging/providers/{id}/test', '/api/messaging/callbacks/{configId}']));
    expect(doc.paths['/api/messaging/callbacks/{configId}'].post.security).toBeUndefined();
  });

  it('answers 404 for an unknown configuration', async () => {
    expect((await callback('00000000-0000-4000-8000-000000000000', 'x=1', 'sig', 'application/x-www-form-urlencoded')).statusCode).toBe(404);
    expect((await callback('not-a-uuid', 'x=1', 'sig', 'text/plain')).statusCode).toBe(404);
  });
});
