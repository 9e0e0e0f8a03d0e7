import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const now = new Date('2026-03-02T10:00:00Z');

/** A digest that could not be handed to messaging is retried by the next run, and still sent once. */
describe('daily digest when sending fails', () => {
  let t: TestKernel;
  let mail: FakeSmtpServer;
  let staff: TestClient;
  let address: string;

  beforeAll(async () => {
    mail = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: [messaging, smtp, createCustomerSuccessPlugin({ clock: () => now })] });
    staff = await t.signIn({ role: 'admin' });
    const res = await staff.inject({ method: 'PUT', url: '/api/customer-success/digest/subscription', payload: { enabled: true, timeZone: 'UTC', sections: null } });
    expect(res.statusCode, res.body).toBe(200);
    address = res.json().email;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  const run = () => t.kernel.services.jobs.runNow('customer-success.daily-digest');
  const claims = () => t.sql<{ message_id: string | null }>(`SELECT message_id FROM customer_success_digest_sends`);

  it('gives the claim back when messaging refuses the send (no email provider), then sends once a provider exists', async () => {
    await run();
    expect(mail.requests).toHaveLength(0);
    // Messaging refused the send (no email provider for the platform): the claim was given back, nothing recorded.
    expect(await claims()).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM messaging_messages WHERE idempotency_key LIKE 'customer-success:digest:%'`)).toEqual([]);

    const config = await t.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'email', providerId: 'smtp', name: 'Local SMTP', config: { host: mail.host, port: mail.port, security: 'none', fromEmail: 'digest@platform.test' } },
    });
    expect(config.statusCode, config.body).toBe(201);
    const assigned = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [config.json().id] } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await run();
    await run();
    // The next runs send today's digest, once.
    expect(mail.requests.filter((m) => m.to.includes(address))).toHaveLength(1);
    expect((await claims()).map((c) => c.message_id !== null)).toEqual([true]);
  });
});
