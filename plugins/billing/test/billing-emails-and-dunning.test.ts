import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import plans from '@platform/plugin-plans';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import { createBillingPlugin } from '@platform/plugin-billing';
import { billingClientFixture, changePlan, createPlan, movableClock, putAccount } from './support/billing-fixture.ts';
import { fakePayPlugin, startFakePayApi } from './support/fake-pay-provider.ts';

/**
 * Billing's emails end to end through the messaging plugin and its SMTP provider, against a local fake SMTP server:
 * the invoice, the receipt, the dunning notices to every tenant admin, and the suspend action after the last one.
 */
describe('billing emails through messaging, and dunning that suspends', () => {
  let t: TestKernel;
  let mail: FakeSmtpServer;
  let api: Awaited<ReturnType<typeof startFakePayApi>>;
  let a: TestClient;
  let b1: TestClient;
  let b2: TestClient;
  let bMember: TestClient;
  let bAdminEmails: string[];
  const clock = movableClock('2026-02-10T00:00:00Z');
  const drain = async () => {
    for (let i = 0; i < 3; i++) await t.kernel.services.events.drain();
  };
  const mailsTo = (email: string) => mail.requests.filter((m) => m.to.includes(email));
  const emailOf = async (c: TestClient) => (await t.sql<{ email: string }>('SELECT email FROM users WHERE id = $1', [c.userId]))[0]!.email;
  const subjectOf = (raw: string) => (/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '').replace(/\r?\n[ \t]+/g, ' ').trim();

  beforeAll(async () => {
    mail = await startFakeSmtpServer();
    api = await startFakePayApi();
    t = await createTestKernel({ plugins: [plans, messaging, smtp, createBillingPlugin({ now: clock.now, issuerName: 'Acme Cloud' }), billingClientFixture, fakePayPlugin] });
    const config = await t.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'email', providerId: 'smtp', name: 'Local SMTP', config: { host: mail.host, port: mail.port, security: 'none', fromEmail: 'billing@platform.test', fromName: 'Acme Billing' } },
    });
    expect(config.statusCode, config.body).toBe(201);
    expect((await t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [config.json().id] } })).statusCode).toBe(200);
    const pay = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'fakepay', name: 'FakePay', settings: { baseUrl: api.url, apiKey: 'key_test', webhookSecret: 'whsec_test' }, isDefault: true } });
    expect(pay.statusCode, pay.body).toBe(201);
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b1 = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    b2 = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    bMember = await t.signIn({ role: 'tenant_member', tenant: 'tenant-b' });
    bAdminEmails = await Promise.all([b1, b2].map((c) => emailOf(c)));
    const pro = await createPlan(t, { key: 'pro', priceAmount: 9900 });
    await changePlan(t, a.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
    await changePlan(t, b1.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
    await putAccount(t, a.tenant!.id, { billingStartsOn: '2026-01-01', contactEmail: 'ap@tenant-a.test' });
    await putAccount(t, b1.tenant!.id, { billingStartsOn: '2026-01-01', contactEmail: 'ap@tenant-b.test' });
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
    await mail?.close();
  });

  it('seeds the receipt and dunning templates into messaging, where operators can edit them', async () => {
    const list = await t.inject('/api/messaging/templates?filter={"q":"billing."}&range=[0,50]');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((x: any) => x.key)).toEqual(expect.arrayContaining(['billing.payment_receipt', 'billing.payment_failed']));
  });

  it('emails each issued invoice to its billing contact once, through the SMTP provider', async () => {
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
    await drain();
    await drain();
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const toA = mailsTo('ap@tenant-a.test');
    expect(toA).toHaveLength(1);
    expect(subjectOf(toA[0].raw)).toBe(`Invoice ${invoice.number} from Acme Cloud: USD 99.00`);
    expect(toA[0].from).toBe('billing@platform.test');
    expect(toA[0].raw).toContain(`/billing/my-billing?invoice=${invoice.id}`);
    expect(mailsTo('ap@tenant-b.test')).toHaveLength(1);
    // no other tenant's invoice leaks into a tenant's mail
    expect(mailsTo('ap@tenant-b.test')[0].raw).not.toContain(invoice.number);
    const rows = await t.sql<{ purpose: string; tenant_id: string }>("SELECT purpose, tenant_id::text FROM messaging_messages WHERE purpose = 'invoice' ORDER BY tenant_id");
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([a.tenant!.id, b1.tenant!.id].sort());
  });

  it('emails a receipt after a payment, once, naming the amount and the invoice', async () => {
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const paid = await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    await drain();
    await drain();
    const receipts = mailsTo('ap@tenant-a.test').filter((m) => subjectOf(m.raw).startsWith('Payment received'));
    expect(receipts).toHaveLength(1);
    expect(subjectOf(receipts[0].raw)).toBe(`Payment received: USD 99.00 for invoice ${invoice.number}`);
    expect(receipts[0].raw).toContain('The invoice is paid in full.');
    expect(receipts[0].raw).toContain('2026-02-10');
  });

  it('dunning: every failed collection notifies the billing contact and every tenant admin (not members), retries on the schedule, and after the last one suspends the tenant, every step audited', async () => {
    expect((await t.inject({ method: 'PUT', url: '/api/plugins/billing/settings', payload: { dunningRetryDays: [2], dunningMaxFailures: 2, dunningAction: 'suspend' } })).statusCode).toBeLessThan(300);
    api.setMode('decline');
    const invoice = (await b1.inject('/api/billing/invoices')).json()[0];
    const memberEmail = await emailOf(bMember);
    const before = mail.requests.length;

    const declined = await b1.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(declined.json()).toMatchObject({ status: 'failed' });
    await drain();
    await drain();
    expect((await b1.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'open', paymentFailures: 1, nextCollectionAt: '2026-02-12T00:00:00.000Z' });
    let notices = mail.requests.slice(before).filter((m) => subjectOf(m.raw).startsWith('Payment failed'));
    expect(notices.flatMap((m) => m.to).sort()).toEqual(['ap@tenant-b.test', ...bAdminEmails].sort());
    expect(notices.every((m) => subjectOf(m.raw) === `Payment failed for invoice ${invoice.number} (USD 99.00)`)).toBe(true);
    expect(notices[0].raw).toContain('We will try again on 2026-02-12.');
    expect(mailsTo(memberEmail)).toHaveLength(0);
    expect(mail.requests.slice(before).some((m) => m.to.includes('ap@tenant-a.test'))).toBe(false);
    expect((await t.kernel.services.directory.get(b1.tenant!.id))!.status).toBe('active');

    clock.set('2026-02-12T01:00:00Z');
    const second = mail.requests.length;
    await t.kernel.services.jobs.runNow('billing.collect-and-dun');
    await drain();
    await drain();
    expect(await t.sql('SELECT payment_failures, next_collection_at, dunning_action FROM billing_invoices WHERE id = $1', [invoice.id])).toEqual([{ payment_failures: 2, next_collection_at: null, dunning_action: 'suspend' }]);
    expect((await b1.inject('/api/billing/invoices')).json()).toMatchObject({ code: 'tenant_suspended' });
    notices = mail.requests.slice(second).filter((m) => subjectOf(m.raw).startsWith('Payment failed'));
    expect(notices).toHaveLength(3);
    expect(notices[0].raw).toContain('That was the last attempt. Your account will be suspended.');
    expect((await t.kernel.services.directory.get(b1.tenant!.id))!.status).toBe('suspended');

    const steps = await t.sql<{ action: string; after: any }>("SELECT action, after FROM audit WHERE target_id = $1 AND action LIKE 'billing.dunning.%' ORDER BY id", [invoice.id]);
    expect(steps.map((s) => s.action)).toEqual(['billing.dunning.payment_failed', 'billing.dunning.payment_failed', 'billing.dunning.action']);
    expect(steps[2].after).toMatchObject({ action: 'suspend', outcome: 'suspended', failures: 2 });
    const suspended = await t.sql<{ action: string }>("SELECT action FROM audit WHERE tenant_id = $1 AND action = 'tenant.suspended'", [b1.tenant!.id]);
    expect(suspended).toHaveLength(1);

    // a redelivered failure event sends nothing new and does not suspend twice
    const after = mail.requests.length;
    const [event] = await t.sql<{ id: string }>("SELECT id::text FROM kernel_outbox WHERE name = 'billing.payment.failed' ORDER BY id DESC LIMIT 1");
    const redelivered = await t.sql("UPDATE kernel_outbox_delivery SET status = 'pending', next_attempt_at = now() WHERE event_id = $1::bigint RETURNING 1", [event!.id]);
    expect(redelivered.length).toBeGreaterThanOrEqual(2);
    await drain();
    await drain();
    expect(mail.requests.length).toBe(after);
    expect(await t.sql("SELECT 1 FROM audit WHERE tenant_id = $1 AND action = 'tenant.suspended'", [b1.tenant!.id])).toHaveLength(1);
  });
});
