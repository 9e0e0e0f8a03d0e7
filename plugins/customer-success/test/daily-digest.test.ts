import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import messaging from '@platform/plugin-messaging';
import smtp from '@platform/plugin-email-smtp';
import { definePlugin } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';
import { createTestDatabase, createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startFakeSmtpServer, type FakeSmtpServer } from '@platform/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

/** A plugin contributing a digest section, and one whose section always throws. */
const extra = definePlugin({
  name: 'digest-extra',
  version: '0.1.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
      id: 'gmv', label: 'GMV yesterday', order: 5,
      async compute() { return { status: 'ok', summary: 'GMV 12,345 USD', items: [{ label: 'Shop A', value: '10,000 USD' }] }; },
    }));
    ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
      id: 'broken', label: 'Broken', order: 6,
      async compute() { throw new Error('upstream exploded'); },
    }));
  },
});

/** 08:30 UTC: 09:30 in Paris (due), 03:30 in New York (not yet), 17:30 in Tokyo (due). */
let now = new Date('2026-03-02T08:30:00Z');
const clock = () => new Date(now.getTime());

describe('daily digest: two instances on one database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: TestKernel;
  let two: TestKernel;
  let mail: FakeSmtpServer;
  let paris: TestClient;
  let newYork: TestClient;
  let tokyo: TestClient;
  let tenantUser: TestClient;

  beforeAll(async () => {
    mail = await startFakeSmtpServer();
    db = await createTestDatabase();
    one = await createTestKernel({ plugins: [messaging, smtp, extra, createCustomerSuccessPlugin({ clock })], databaseUrl: db.url });
    two = await createTestKernel({ plugins: [messaging, smtp, extra, createCustomerSuccessPlugin({ clock })], databaseUrl: db.url });
    const config = await one.inject({
      method: 'POST',
      url: '/api/messaging/providers',
      payload: { channel: 'email', providerId: 'smtp', name: 'Local SMTP', config: { host: mail.host, port: mail.port, security: 'none', fromEmail: 'digest@platform.test', fromName: 'Platform' } },
    });
    expect(config.statusCode, config.body).toBe(201);
    const assigned = await one.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'email', providerConfigIds: [config.json().id] } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    [paris, newYork, tokyo, tenantUser] = await Promise.all([
      one.signIn({ role: 'admin' }),
      one.signIn({ role: 'support' }),
      one.signIn({ role: 'read_only' }),
      one.signIn({ role: 'tenant_admin', tenant: 'tenant-a' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await mail?.close();
    await db?.drop();
  });

  const subscribe = async (c: TestClient, payload: Record<string, unknown>) => {
    const res = await c.inject({ method: 'PUT', url: '/api/customer-success/digest/subscription', payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const toOf = (address: string) => mail.requests.filter((m) => m.to.includes(address));
  const runBoth = () =>
    Promise.all([one.kernel.services.jobs.runNow('customer-success.daily-digest'), two.kernel.services.jobs.runNow('customer-success.daily-digest')]);

  it('lists the sections contributed by the installed plugins, in order', async () => {
    const res = await paris.inject('/api/customer-success/digest/sections');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((s: any) => s.id)).toEqual(['gmv', 'broken', 'health-score-drops', 'renewals-at-risk']);
  });

  it('shows the digest with a failing section reported and the others computed', async () => {
    const res = await paris.inject('/api/customer-success/digest');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.since).toBe('2026-03-01T08:30:00.000Z');
    const byId = Object.fromEntries(body.sections.map((s: any) => [s.id, s]));
    expect(byId.gmv).toMatchObject({ status: 'ok', summary: 'GMV 12,345 USD' });
    expect(byId.broken).toMatchObject({ status: 'warning', error: 'upstream exploded' });
    expect(byId['health-score-drops'].status).toBe('ok');
  });

  it('saves per-user recipients, time zone and sections', async () => {
    const p = await subscribe(paris, { enabled: true, timeZone: 'Europe/Paris', sections: ['gmv', 'renewals-at-risk'] });
    expect(p).toMatchObject({ enabled: true, timeZone: 'Europe/Paris', sections: ['gmv', 'renewals-at-risk'] });
    expect(p.email).toMatch(/@test\.local$/);
    await subscribe(newYork, { enabled: true, timeZone: 'America/New_York', sections: null });
    await subscribe(tokyo, { enabled: true, timeZone: 'Asia/Tokyo', sections: null, email: 'tokyo-desk@platform.test' });
    const own = await paris.inject('/api/customer-success/digest/subscription');
    expect(own.json().sections).toEqual(['gmv', 'renewals-at-risk']);
    // The page uses the caller's sections.
    const page = await paris.inject('/api/customer-success/digest');
    expect(page.json().sections.map((s: any) => s.id)).toEqual(['gmv', 'renewals-at-risk']);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const put = (payload: unknown) => paris.inject({ method: 'PUT', url: '/api/customer-success/digest/subscription', payload: payload as any });
    const zone = await put({ enabled: true, timeZone: 'Mars/Olympus', sections: null });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().field).toBe('timeZone');
    const section = await put({ enabled: true, timeZone: 'UTC', sections: ['nope'] });
    expect(section.statusCode).toBe(400);
    expect(section.json().field).toBe('sections');
    const nul = await put({ enabled: true, timeZone: 'Europe/Par\u0000is', sections: null });
    expect(nul.statusCode).toBe(400);
    expect(JSON.stringify(nul.json())).toContain('timeZone');
    const type = await put({ enabled: 'yes', timeZone: 'UTC', sections: null });
    expect(type.statusCode).toBe(400);
    expect(JSON.stringify(type.json())).toContain('enabled');
    const q = await paris.inject('/api/customer-success/digest?sections=gmv,nope');
    expect(q.statusCode).toBe(400);
    expect(q.json().field).toBe('sections');
  });

  it('is staff only: a tenant user can neither read the digest nor subscribe', async () => {
    expect((await tenantUser.inject('/api/customer-success/digest')).statusCode).toBe(403);
    expect((await tenantUser.inject('/api/customer-success/digest/sections')).statusCode).toBe(403);
    const put = await tenantUser.inject({ method: 'PUT', url: '/api/customer-success/digest/subscription', payload: { enabled: true, timeZone: 'UTC', sections: null } });
    expect(put.statusCode).toBe(403);
  });

  it('sends exactly one email per recipient per local day when both instances run the job at once', async () => {
    const parisEmail = (await paris.inject('/api/customer-success/digest/subscription')).json().email;
    const nyEmail = (await newYork.inject('/api/customer-success/digest/subscription')).json().email;
    await runBoth();
    await runBoth();
    expect(toOf(parisEmail)).toHaveLength(1);
    expect(toOf('tokyo-desk@platform.test')).toHaveLength(1);
    expect(toOf(nyEmail)).toHaveLength(0);
    const raw = toOf(parisEmail)[0].raw;
    expect(raw).toContain('Customer success digest for 2026-03-02');
    expect(raw).toContain('GMV 12,345 USD');
    expect(raw).not.toContain('upstream exploded');

    // 14:30 UTC: 09:30 in New York; Paris and Tokyo already had theirs for their local date.
    now = new Date('2026-03-02T14:30:00Z');
    await runBoth();
    expect(toOf(nyEmail)).toHaveLength(1);
    expect(toOf(parisEmail)).toHaveLength(1);
    expect(toOf('tokyo-desk@platform.test')).toHaveLength(1);

    // The next morning in Paris: a new local date, a new digest.
    now = new Date('2026-03-03T08:05:00Z');
    await runBoth();
    expect(toOf(parisEmail)).toHaveLength(2);
    const sends = await one.sql<{ n: number }>(`SELECT count(*)::int AS n FROM customer_success_digest_sends WHERE message_id IS NOT NULL`);
    expect(sends[0].n).toBe(toOf(parisEmail).length + toOf(nyEmail).length + toOf('tokyo-desk@platform.test').length);
  });

  it('stops when a recipient turns the digest off', async () => {
    await subscribe(paris, { enabled: false, timeZone: 'Europe/Paris', sections: null });
    const parisEmail = (await paris.inject('/api/customer-success/digest/subscription')).json().email;
    now = new Date('2026-03-04T08:05:00Z');
    await runBoth();
    expect(toOf(parisEmail)).toHaveLength(2);
  });
});
