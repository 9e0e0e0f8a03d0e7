import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import type { TenantInfo } from '@platform/sdk';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

/**
 * The "contact" quick action on a real kernel: the email goes out through messaging's MessageSender to a fake SMTP
 * server on 127.0.0.1 and lands in the contact log with its message id; a provider failing is said, and logged as such.
 */
describe('customer 360 contact action through messaging', () => {
  let t: TestKernel;
  let server: FakeSmtpServer;
  let tenant: TenantInfo;

  beforeAll(async () => {
    server = await startFakeSmtpServer();
    t = await createTestKernel({ plugins: [messaging, smtp, createCustomerSuccessPlugin()] });
    const provider = await t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'email', providerId: 'smtp', name: 'Test SMTP', config: { host: '127.0.0.1', port: server.port, security: 'none', fromEmail: 'success@platform.test' } } });
    expect(provider.statusCode, provider.body).toBe(201);
    const assign = await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [provider.json().id] } });
    expect(assign.statusCode, assign.body).toBeLessThan(300);
    tenant = await t.tenant('contact-me');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const contact = (payload: Record<string, unknown>) => t.inject({ method: 'POST', url: `/api/customer-success/customers/${tenant.id}/actions/contact`, payload });

  it('sends the email, logs the contact with the message id, and audits it', async () => {
    const res = await contact({ to: 'owner@contact-me.test', subject: 'Your renewal', body: 'Shall we talk next week?' });
    expect(res.statusCode, res.body).toBe(201);
    const { receipt, contact: logged } = res.json();
    expect(receipt.status).toBe('sent');
    expect(logged).toMatchObject({ channel: 'email', messageId: receipt.id });
    expect(logged.summary).toContain('Your renewal');
    const mail = server.requests.find((m) => m.to.includes('owner@contact-me.test'));
    expect(mail?.raw).toContain('Shall we talk next week?');
    const log = (await t.inject(`/api/customer-success/customers/${tenant.id}/contacts`)).json();
    expect(log.map((c: any) => c.id)).toEqual([logged.id]);
    const audit = await t.sql<{ target_id: string }>(`SELECT target_id FROM audit WHERE tenant_id = $1 AND action = 'customer_success.contacted'`, [tenant.id]);
    expect(audit.map((a) => a.target_id)).toEqual([logged.id]);
  });

  it('a provider refusing the recipient: the answer says so and the contact log records a failed attempt, not a success', async () => {
    server.answer('rejected');
    try {
      const res = await contact({ to: 'gone@contact-me.test', subject: 'Hello again', body: 'Anyone there?' });
      // messaging records the failed message and answers with it: the attempt is logged, marked failed.
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().receipt).toMatchObject({ status: 'failed' });
      expect(res.json().receipt.error).toContain('550');
      expect(res.json().contact.summary).toBe('Hello again (to gone@contact-me.test, failed)');
    } finally {
      server.answer('accepted');
    }
  });
});
