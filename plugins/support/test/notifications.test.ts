import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createSupportKernel, openTicket, type SupportKernel } from './support/support-kernel.ts';

describe('support emails through messaging', () => {
  let k: SupportKernel;
  let mail: FakeSmtpServer;

  beforeAll(async () => {
    mail = await startFakeSmtpServer();
    k = await createSupportKernel([messaging, smtp]);
    const config = await k.t.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'email', providerId: 'smtp', name: 'Local SMTP', config: { host: mail.host, port: mail.port, security: 'none', fromEmail: 'support@platform.test', fromName: 'Platform Support' } },
    });
    expect(config.statusCode, config.body).toBe(201);
    const assigned = await k.t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [config.json().id] } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await k.t.kernel.services.settings.set('support', { staffInbox: 'queue@platform.test', platformName: 'Acme Cloud' }, null);
  });
  afterAll(async () => {
    await k?.t.close();
    await mail?.close();
  });

  const drain = async () => {
    await k.t.kernel.services.events.drain();
    await k.t.kernel.services.events.drain();
  };

  it('seeds the auto-reply templates into messaging', async () => {
    const list = await k.t.inject('/api/messaging/templates?filter={"q":"support."}&range=[0,50]');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((t: any) => t.key)).toEqual(expect.arrayContaining(['support.ticket_received', 'support.ticket_new_staff', 'support.ticket_status_changed']));
  });

  it('auto-replies to the reporter and tells the staff inbox about a new ticket, once', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'Invoices missing', priority: 'high' });
    await drain();
    const toReporter = mail.requests.filter((m) => m.to.includes(ticket.reporterEmail));
    expect(toReporter).toHaveLength(1);
    expect(toReporter[0].raw).toContain(`[#${ticket.number}] We received your request: Invoices missing`);
    const toStaff = mail.requests.filter((m) => m.to.includes('queue@platform.test'));
    expect(toStaff).toHaveLength(1);
    expect(toStaff[0].raw).toContain(`[high] New ticket #${ticket.number} from tenant a: Invoices missing`);
    const sent = await k.t.sql<{ idempotency_key: string; purpose: string }>(`SELECT idempotency_key, purpose FROM messaging_messages WHERE idempotency_key LIKE $1 ORDER BY idempotency_key`, [`support:${ticket.id}:%`]);
    expect(sent).toEqual([
      { idempotency_key: `support:${ticket.id}:received`, purpose: 'support' },
      { idempotency_key: `support:${ticket.id}:staff`, purpose: 'support' },
    ]);
  });

  it('tells the reporter when staff change the status', async () => {
    const ticket = await openTicket(k.memberA, { subject: 'Status mails' });
    await drain();
    const before = mail.requests.length;
    const res = await k.agent.inject({ method: 'PATCH', url: `/api/support/queue/${ticket.id}`, payload: { status: 'solved' } });
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    const mails = mail.requests.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([ticket.reporterEmail]);
    expect(mails[0].raw).toContain(`[#${ticket.number}] Your request is now solved`);
  });
});
