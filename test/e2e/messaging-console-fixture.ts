import { expect } from 'vitest';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import messaging from '@platform/plugin-messaging';
import { fakeEmailPlugin, fakeSmsPlugin } from '../../plugins/messaging/test/support/fake-providers.ts';
import { acceptingSms } from '../../plugins/messaging/test/support/messaging-kernel.ts';
import { consoleKernelConfig } from './console-kernel-config.ts';

/**
 * A console with messaging and a fake SMS provider (a local server speaking its API): a provider
 * configuration assigned to "Acme Corp" and "Globex", credits topped up for both, and a few SMS sent by each,
 * so the delivery log, the ledger and "My messaging" have rows. Two configurations (primary, backup) in that order. A platform admin and Acme's tenant admin.
 */
export interface MessagingConsole {
  t: TestKernel;
  url: string;
  acme: TenantInfo;
  globex: TenantInfo;
  admin: TestClient;
  acmeAdmin: TestClient;
  /** The recipients of Acme's messages, and the text of Globex's (which Acme must never see). */
  acmeRecipients: string[];
  globexSecret: string;
  close(): Promise<void>;
}

export async function startMessagingConsole(): Promise<MessagingConsole> {
  const t = await createTestKernel({ plugins: [messaging, fakeSmsPlugin, fakeEmailPlugin], serveConsole: true, config: consoleKernelConfig() });
  let sms: FakeHttpServer | null = null;
  try {
    const url = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    sms = await acceptingSms();
    const acme = await t.tenant('acme-corp');
    const globex = await t.tenant('globex');
    const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
      const r = await res;
      expect([200, 201], r.body).toContain(r.statusCode);
      return r.json();
    };
    await ok(t.inject({ method: 'PATCH', url: `/api/tenants/${acme.id}`, payload: { name: 'Acme Corp' } }));
    await ok(t.inject({ method: 'PATCH', url: `/api/tenants/${globex.id}`, payload: { name: 'Globex' } }));
    const config = await ok(t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'fake-sms', name: 'Primary SMS', config: { baseUrl: sms.url, apiKey: 'key-live-0123456789', signingSecret: 'whsec-0123456789abcdef' } } }));
    const backup = await ok(t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'fake-sms', name: 'Backup SMS', config: { baseUrl: sms.url, apiKey: 'key-live-backup-0123', signingSecret: 'whsec-backup-0123456789' } } }));
    for (const tenant of [acme, globex]) {
      await ok(t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: tenant.id, channel: 'sms', providerConfigIds: [config.id, backup.id] } }));
      await ok(t.inject({ method: 'POST', url: `/api/messaging/credits/${tenant.id}/top-up`, payload: { amount: 20, reason: 'e2e opening balance' } }));
    }
    const acmeAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'acme-corp' });
    const globexAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    const acmeRecipients = ['+14155550101', '+14155550102'];
    for (const to of acmeRecipients) await ok(acmeAdmin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to, body: `Your code is ${to.slice(-4)}` } }));
    const globexSecret = 'Globex internal code 9911';
    await ok(globexAdmin.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550199', body: globexSecret } }));
    const admin = await t.signIn({ role: 'admin' });
    const fakeSms = sms;
    return {
      t,
      url,
      acme: (await t.kernel.services.directory.get(acme.id))!,
      globex,
      admin,
      acmeAdmin,
      acmeRecipients,
      globexSecret,
      close: async () => {
        await t.close();
        await fakeSms.close();
      },
    };
  } catch (err) {
    await t.close();
    await sms?.close();
    throw err;
  }
}
