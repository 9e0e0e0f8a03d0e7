import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { fakeEmailPlugin, fakeSmsPlugin } from './support/fake-providers.ts';
import { acceptingSms, addConfig, assign, BASE_URL } from './support/messaging-kernel.ts';

/**
 * Delivery analytics on a real kernel with the real ledger: platform daily counts per day / provider / tenant,
 * delivery rate and cost per provider, 400 naming the field, and a tenant's own usage (isolated from others').
 */
describe('messaging analytics', () => {
  let t: TestKernel;
  let sms: FakeHttpServer;
  let smsConfig: string;
  let emailConfig: string;
  let a: TestClient;
  let b: TestClient;
  let tenantA: string;
  let tenantB: string;
  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();

  /** A message row as sending leaves it, on a given day (these windows lie before anything sent for real). */
  async function insert(m: { tenantId: string | null; channel: 'sms' | 'email'; status: string; day: string; config: string | null; costMinor?: number; costMicros?: number; currency?: string; providerMessageId?: string }) {
    await t.sql(
      `INSERT INTO messaging_messages (id, tenant_id, channel, status, recipient, provider_config_id, provider_id, cost_minor, cost_currency, provider_message_id, created_at, updated_at, cost_micros)
       VALUES ($1, $2, $3, $4, '+14155550100', $5, $6, $7, $8, $10, $9::timestamptz, $9::timestamptz, $11)`,
      [randomUUID(), m.tenantId, m.channel, m.status, m.config, m.config ? (m.channel === 'sms' ? 'fake-sms' : 'fake-email') : null, m.costMinor ?? null, m.currency ?? null, `${m.day}T12:00:00Z`, m.providerMessageId ?? null, m.costMicros ?? null],
    );
  }

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin(), fakeSmsPlugin, fakeEmailPlugin], config: { baseUrl: BASE_URL } });
    sms = await acceptingSms();
    smsConfig = await addConfig(t, 'sms', 'Primary SMS', sms.url);
    emailConfig = await addConfig(t, 'email', 'Mail', sms.url);
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    tenantA = a.tenant!.id;
    tenantB = b.tenant!.id;
    for (const [tenant, amount] of [[tenantA, 10], [tenantB, 50]] as const) {
      const res = await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenant}/top-up`, payload: { amount, reason: 'analytics test' } });
      expect(res.statusCode, res.body).toBe(201);
      await assign(t, tenant, 'sms', [smsConfig]);
    }
    // Real sends today: A sends 3 SMS, B one.
    for (const [client, n] of [[a, 3], [b, 1]] as const) {
      for (let i = 0; i < n; i++) {
        const res = await client.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: `hello ${i}` } });
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    // A fixed past window, 2026-03-01..03: rows with known statuses and costs.
    const rows: Parameters<typeof insert>[0][] = [
      { tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-03-01', config: smsConfig, costMinor: 79, currency: 'USD' },
      { tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-03-01', config: smsConfig, costMinor: 79, currency: 'USD' },
      { tenantId: tenantA, channel: 'sms', status: 'undelivered', day: '2026-03-01', config: smsConfig, costMinor: 79, currency: 'USD' },
      // Accepted by the provider, which reports it queued on its side: counted as sent (awaiting the outcome).
      { tenantId: tenantB, channel: 'sms', status: 'queued', day: '2026-03-02', config: smsConfig, providerMessageId: 'SMq00001' },
      { tenantId: tenantB, channel: 'sms', status: 'sent', day: '2026-03-03', config: smsConfig, costMinor: 120, currency: 'NGN' },
      { tenantId: tenantB, channel: 'sms', status: 'failed', day: '2026-03-03', config: null },
      { tenantId: tenantB, channel: 'email', status: 'opened', day: '2026-03-03', config: emailConfig },
      { tenantId: tenantB, channel: 'email', status: 'bounced', day: '2026-03-03', config: emailConfig },
      { tenantId: null, channel: 'email', status: 'queued', day: '2026-03-03', config: null },
      // Outside the window on both sides.
      { tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-02-28', config: smsConfig, costMinor: 1000, currency: 'USD' },
      { tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-03-04', config: smsConfig, costMinor: 1000, currency: 'USD' },
    ];
    for (const r of rows) await insert(r);
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  const WINDOW = { from: '2026-03-01', to: '2026-03-03' };

  it('counts per UTC day (every day present), per provider configuration and per tenant', async () => {
    const res = await t.inject(`/api/messaging/analytics/daily?${q(WINDOW)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-03' });
    expect(body.days).toEqual([
      { day: '2026-03-01', queued: 0, sent: 0, delivered: 2, failed: 1, total: 3 },
      { day: '2026-03-02', queued: 0, sent: 1, delivered: 0, failed: 0, total: 1 },
      { day: '2026-03-03', queued: 1, sent: 1, delivered: 1, failed: 2, total: 5 },
    ]);
    const byProvider = Object.fromEntries(body.providers.map((p: any) => [p.name ?? 'none', p]));
    expect(byProvider['Primary SMS']).toMatchObject({ providerConfigId: smsConfig, providerId: 'fake-sms', channel: 'sms', sent: 2, delivered: 2, failed: 1, total: 5 });
    expect(byProvider['Mail']).toMatchObject({ providerConfigId: emailConfig, delivered: 1, failed: 1, total: 2 });
    expect(byProvider.none).toMatchObject({ providerConfigId: null, queued: 1, failed: 1, total: 2 });
    const byTenant = Object.fromEntries(body.tenants.map((x: any) => [x.slug ?? 'platform', x]));
    expect(byTenant['tenant-a']).toMatchObject({ tenantId: tenantA, delivered: 2, failed: 1, total: 3 });
    expect(byTenant['tenant-b']).toMatchObject({ tenantId: tenantB, sent: 2, delivered: 1, failed: 2, total: 5 });
    expect(byTenant.platform).toMatchObject({ tenantId: null, queued: 1, total: 1 });
  });

  it('narrows by channel, provider configuration and tenant', async () => {
    const email = (await t.inject(`/api/messaging/analytics/daily?${q({ ...WINDOW, channel: 'email' })}`)).json();
    expect(email.days.map((d: any) => d.total)).toEqual([0, 0, 3]);
    const provider = (await t.inject(`/api/messaging/analytics/daily?${q({ ...WINDOW, provider: smsConfig })}`)).json();
    expect(provider.days.map((d: any) => d.total)).toEqual([3, 1, 1]);
    expect(provider.tenants.map((x: any) => x.tenantId).sort()).toEqual([tenantA, tenantB].sort());
    const onlyA = (await t.inject(`/api/messaging/analytics/daily?${q({ ...WINDOW, tenant: tenantA })}`)).json();
    expect(onlyA.days.map((d: any) => d.total)).toEqual([3, 0, 0]);
    expect(onlyA.tenants).toHaveLength(1);
  });

  it('gives delivery rate and reported cost per provider in integer minor units per currency', async () => {
    const res = await t.inject(`/api/messaging/analytics/providers?${q(WINDOW)}`);
    expect(res.statusCode, res.body).toBe(200);
    const providers = res.json().providers;
    expect(providers.map((p: any) => p.name)).toEqual(['Primary SMS', 'Mail']);
    expect(providers[0]).toMatchObject({ delivered: 2, failed: 1, sent: 2, total: 5, deliveryRate: 0.4, costed: 4, costs: [{ currency: 'NGN', amountMinor: 120 }, { currency: 'USD', amountMinor: 237 }] });
    expect(providers[1]).toMatchObject({ delivered: 1, failed: 1, deliveryRate: 0.5, costed: 0, costs: [] });
  });

  it('sums sub-cent costs exactly and rounds the total up once, next to costs known only in minor units', async () => {
    // 2026-04-01: four SMS at 0.0075 USD (1 cent each once rounded up) and one recorded before micros existed (5 cents).
    for (let i = 0; i < 4; i++) await insert({ tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-04-01', config: smsConfig, costMinor: 1, costMicros: 7_500, currency: 'USD' });
    await insert({ tenantId: tenantA, channel: 'sms', status: 'delivered', day: '2026-04-01', config: smsConfig, costMinor: 5, currency: 'USD' });
    const res = await t.inject(`/api/messaging/analytics/providers?${q({ from: '2026-04-01', to: '2026-04-01' })}`);
    expect(res.statusCode, res.body).toBe(200);
    // 4 x 7,500 + 50,000 micros = 0.08 USD: 8 cents, where adding rounded-up cents would say 9.
    expect(res.json().providers[0]).toMatchObject({ costed: 5, costs: [{ currency: 'USD', amountMinor: 8, amountMicros: 80_000 }] });
  });

  it('the failed-message log is the messages list filtered on the failure statuses, with the reason', async () => {
    const filter = encodeURIComponent(JSON.stringify({ status: ['failed', 'undelivered', 'bounced'], from: '2026-03-01', to: '2026-03-04' }));
    const res = await t.inject(`/api/messaging/messages?filter=${filter}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((m: any) => m.status).sort()).toEqual(['bounced', 'failed', 'undelivered']);
  });

  it('refuses bad query parameters with 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-02-30' }, 'from'],
      [{ to: 'today' }, 'to'],
      [{ from: '2026-03-05', to: '2026-03-01' }, 'from'],
      [{ from: '2024-01-01', to: '2026-03-01' }, 'from'],
      [{ channel: 'fax' }, 'channel'],
      [{ provider: 'twilio' }, 'provider'],
      [{ tenant: 'acme' }, 'tenant'],
      [{ form: '2026-03-01' }, 'form'],
    ];
    for (const url of ['/api/messaging/analytics/daily', '/api/messaging/analytics/providers']) {
      for (const [query, field] of cases) {
        const res = await t.inject(`${url}?${q(query)}`);
        expect(res.statusCode, `${url} ${JSON.stringify(query)}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().field).toBe(field);
      }
    }
    const my = await a.inject(`/api/messaging/my/usage?${q({ to: '2026-13-01' })}`);
    expect(my.statusCode).toBe(400);
    expect(my.json().field).toBe('to');
  });

  it("a tenant's usage: its days, its statuses and its remaining credits from the ledger", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await a.inject('/api/messaging/my/usage');
    expect(res.statusCode, res.body).toBe(200);
    const usage = res.json();
    expect(usage).toMatchObject({ tenantId: tenantA, to: today, credits: { balance: 7 } });
    expect(usage.days).toHaveLength(30);
    expect(usage.days.at(-1)).toMatchObject({ day: today, total: 3 });
    expect(usage.statuses.queued + usage.statuses.sent + usage.statuses.delivered).toBe(3);
    const past = (await a.inject(`/api/messaging/my/usage?${q(WINDOW)}`)).json();
    expect(past.days.map((d: any) => d.total)).toEqual([3, 0, 0]);
    expect(past.statuses).toMatchObject({ delivered: 2, undelivered: 1, failed: 0, bounced: 0 });
  });

  it("tenant isolation: B's usage is B's; A can neither name B nor read platform analytics", async () => {
    const usageB = (await b.inject(`/api/messaging/my/usage?${q(WINDOW)}`)).json();
    expect(usageB).toMatchObject({ tenantId: tenantB, credits: { balance: 49 } });
    expect(usageB.days.map((d: any) => d.total)).toEqual([0, 1, 4]);
    // X-Tenant-Id naming B is refused for A's user, and leaks nothing of B.
    const header = await a.inject({ url: `/api/messaging/my/usage?${q(WINDOW)}`, headers: { 'x-tenant-id': tenantB } });
    expect(header.statusCode).toBe(403);
    expect(header.body).not.toContain('"balance"');
    const own = (await a.inject(`/api/messaging/my/usage?${q(WINDOW)}`)).json();
    expect(own).toMatchObject({ tenantId: tenantA, credits: { balance: 7 } });
    expect(own.days.map((d: any) => d.total)).toEqual([3, 0, 0]);
    // No parameter names another tenant.
    const named = await a.inject(`/api/messaging/my/usage?${q({ tenant: tenantB })}`);
    expect(named.statusCode).toBe(400);
    expect(named.json().field).toBe('tenant');
    // The platform charts are staff-only.
    for (const url of ['/api/messaging/analytics/daily', '/api/messaging/analytics/providers', `/api/messaging/analytics/daily?tenant=${tenantB}`]) {
      expect((await a.inject(url)).statusCode).toBe(403);
    }
  });
});
