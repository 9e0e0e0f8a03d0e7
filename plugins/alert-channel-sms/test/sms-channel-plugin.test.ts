import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGING_SERVICE } from '@platform/sdk/messaging';
import { definePlugin } from '@platform/sdk';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestKernel } from '@platform/testing';
import twilioPlugin from '@platform/plugin-sms-twilio';
import { createMetricsPlugin } from '@platform/plugin-metrics';
import { createAlertsPlugin } from '@platform/plugin-alerts';
import { createMessagingPlugin } from '@platform/plugin-messaging';
import { createSmsAlertChannelPlugin } from '../src/index.ts';

/**
 * The SMS channel in a real kernel: alerts (which owns channels and their test route), the messaging plugin
 * (which owns MESSAGING_SERVICE) and the channel. Whether the messaging plugin registers its sending service
 * is observed at boot: until it does, a delivery must be a retryable "not available"; once it does, a tenant
 * without SMS credits must get the contract's `402 insufficient_credits`, final.
 */
describe('SMS alert channel plugin', () => {
  let t: TestKernel;
  let senderRegistered = false;
  let twilio: FakeHttpServer;
  beforeAll(async () => {
    const probe = definePlugin({
      name: 'messaging-service-probe',
      version: '0.0.0',
      kernel: '^0.1.0',
      dependsOn: ['messaging'],
      boot(ctx) {
        try {
          senderRegistered = typeof ctx.resolve<{ send?: unknown }>(MESSAGING_SERVICE)?.send === 'function';
        } catch {
          senderRegistered = false;
        }
      },
    });
    // Twilio's Messages API as it answers a create: 201 with the message resource.
    twilio = await startFakeHttpServer((_req, res) => {
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ sid: `SM${'2'.repeat(32)}`, status: 'queued', num_segments: '1', price: null, price_unit: 'USD', error_code: null }));
    });
    t = await createTestKernel({ plugins: [createMetricsPlugin(), createAlertsPlugin(), createMessagingPlugin(), twilioPlugin, createSmsAlertChannelPlugin(), probe] });
  });
  afterAll(async () => {
    await t?.close();
    await twilio?.close();
  });

  const putSettings = (payload: Record<string, unknown>) => t.inject({ method: 'PUT', url: '/api/plugins/alert-channel-sms/settings', payload });

  it('is listed by the alerts plugin, unconfigured until it has recipients', async () => {
    const channels = (await t.inject('/api/alerts/channels')).json();
    expect(channels.find((c: any) => c.id === 'sms')).toMatchObject({ id: 'sms', configured: false });
  });

  it('refuses recipients that are not E.164, and a tenant that is not an id, naming the field', async () => {
    const badNumber = await putSettings({ recipients: ['07700 900123'] });
    expect(badNumber.statusCode, badNumber.body).toBe(400);
    expect(badNumber.json()).toMatchObject({ field: expect.stringMatching(/^recipients/) });
    // E.164 in shape, but no such number (US area code 999): the messaging service would refuse it at send time.
    const noSuchNumber = await putSettings({ recipients: ['+19995550100'] });
    expect(noSuchNumber.statusCode).toBe(400);
    expect(noSuchNumber.json()).toMatchObject({ field: expect.stringMatching(/^recipients/) });
    const badTenant = await putSettings({ recipients: ['+447911123456'], tenantId: 'acme' });
    expect(badTenant.statusCode, badTenant.body).toBe(400);
    expect(badTenant.json()).toMatchObject({ field: 'tenantId' });
    expect((await putSettings({ recipients: [] })).statusCode).toBe(400);
  });

  it("sends the test notification as an SMS through messaging: 402 without credits, then through Twilio's API with them", async () => {
    expect(senderRegistered).toBe(true);
    const tenant = await t.tenant('sms-alerts');
    const saved = await putSettings({ recipients: ['+447911123456'], tenantId: tenant.id });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await t.inject('/api/alerts/channels')).json().find((c: any) => c.id === 'sms')).toMatchObject({ configured: true });
    const accountSid = `AC${'1'.repeat(32)}`;
    const provider = await t.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'sms', providerId: 'twilio', name: 'Twilio (fake)', config: { baseUrl: twilio.url, accountSid, authToken: 'tw-token', from: '+14155550100' } },
    });
    expect(provider.statusCode, provider.body).toBe(201);
    const assigned = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: tenant.id, channel: 'sms', providerConfigIds: [provider.json().id] } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const test = () => t.inject({ method: 'POST', url: '/api/alerts/channels/sms/test' });
    // A fresh tenant has no SMS credits: the reservation refuses, and retrying cannot help. Nothing reaches Twilio.
    expect((await test()).json()).toMatchObject({ ok: false, retryable: false, detail: expect.stringMatching(/^\+44•••3456 error 402 insufficient_credits/) });
    expect(twilio.requests).toHaveLength(0);
    const topUp = await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenant.id}/top-up`, payload: { amount: 5, reason: 'alert channel test' } });
    expect(topUp.statusCode, topUp.body).toBeLessThan(300);
    expect((await test()).json()).toMatchObject({ ok: true });
    expect(twilio.requests).toHaveLength(1);
    const sent = twilio.requests[0]!;
    expect(sent.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    const form = new URLSearchParams(sent.body);
    expect(form.get('To')).toBe('+447911123456');
    expect(form.get('Body')).toContain('[FIRING] Test notification: error_rate(api_requests_total) 7.20 > 5');
    const balance = (await t.inject(`/api/messaging/credits/${tenant.id}`)).json();
    // Reserved by our segment count; settled by what Twilio says it counted (num_segments 1), the rest refunded.
    expect(balance.balance).toBe(4);
  });
});
