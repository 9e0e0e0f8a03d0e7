import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGING_SERVICE } from '@platform/sdk/messaging';
import { definePlugin } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/testing';
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
    t = await createTestKernel({ plugins: [createMetricsPlugin(), createAlertsPlugin(), createMessagingPlugin(), createSmsAlertChannelPlugin(), probe] });
  });
  afterAll(async () => t?.close());

  const putSettings = (payload: Record<string, unknown>) => t.inject({ method: 'PUT', url: '/api/plugins/alert-channel-sms/settings', payload });

  it('is listed by the alerts plugin, unconfigured until it has recipients', async () => {
    const channels = (await t.inject('/api/alerts/channels')).json();
    expect(channels.find((c: any) => c.id === 'sms')).toMatchObject({ id: 'sms', configured: false });
  });

  it('refuses recipients that are not E.164, and a tenant that is not an id, naming the field', async () => {
    const badNumber = await putSettings({ recipients: ['07700 900123'] });
    expect(badNumber.statusCode, badNumber.body).toBe(400);
    expect(badNumber.json()).toMatchObject({ field: expect.stringMatching(/^recipients/) });
    const badTenant = await putSettings({ recipients: ['+447911123456'], tenantId: 'acme' });
    expect(badTenant.statusCode, badTenant.body).toBe(400);
    expect(badTenant.json()).toMatchObject({ field: 'tenantId' });
    expect((await putSettings({ recipients: [] })).statusCode).toBe(400);
  });

  it('sends the test notification through the messaging service (needs the messaging plugin with MESSAGING_SERVICE)', async () => {
    const tenant = await t.tenant('sms-alerts-no-credits');
    const saved = await putSettings({ recipients: ['+447911123456'], tenantId: tenant.id });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await t.inject('/api/alerts/channels')).json().find((c: any) => c.id === 'sms')).toMatchObject({ configured: true });
    const test = await t.inject({ method: 'POST', url: '/api/alerts/channels/sms/test' });
    expect(test.statusCode, test.body).toBe(200);
    if (!senderRegistered) {
      expect(test.json()).toEqual({ ok: false, retryable: true, detail: 'the messaging service is not available' });
    } else {
      // A fresh tenant has no SMS credits: the reservation refuses, and retrying cannot help.
      expect(test.json()).toMatchObject({ ok: false, retryable: false, detail: expect.stringMatching(/^\+44•••3456 error 402 insufficient_credits/) });
    }
  });
});
