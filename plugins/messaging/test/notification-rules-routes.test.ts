import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';

const URL = '/api/messaging/notification-rules';
const rule = (over: Record<string, unknown> = {}) => ({
  name: 'Welcome SMS',
  eventPattern: 'tenant.created',
  channel: 'sms',
  templateKey: 'welcome',
  recipients: ['+447911123456'],
  ...over,
});

describe('notification rules API', () => {
  let t: TestKernel;
  let adminA: TestClient;
  let adminB: TestClient;
  let memberA: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin()] });
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'rules-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'rules-b' });
    memberA = await t.signIn({ role: 'tenant_member', tenant: 'rules-a' });
  });
  afterAll(() => t?.close());

  it('a tenant admin creates, reads, changes and deletes its tenant rules', async () => {
    const created = await adminA.inject({ method: 'POST', url: URL, payload: rule({ channel: 'email', recipients: ['ops@example.com'], recipientPaths: ['payload.email'] }) });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ tenantId: adminA.tenant!.id, channel: 'email', recipients: ['ops@example.com'], recipientPaths: ['payload.email'], enabled: true });

    const got = await adminA.inject(`${URL}/${body.id}`);
    expect(got.statusCode).toBe(200);
    const changed = await adminA.inject({ method: 'PATCH', url: `${URL}/${body.id}`, payload: { enabled: false, eventPattern: 'tenant.*' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ enabled: false, eventPattern: 'tenant.*', recipients: ['ops@example.com'] });

    const list = await adminA.inject(URL);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((r: { id: string }) => r.id)).toContain(body.id);

    const deleted = await adminA.inject({ method: 'DELETE', url: `${URL}/${body.id}` });
    expect(deleted.statusCode).toBe(200);
    expect((await adminA.inject(`${URL}/${body.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [rule({ recipients: ['+447911123456', '07911123456'] }), 'recipients[1]'],
      [rule({ channel: 'email', recipients: ['not-an-email'] }), 'recipients[0]'],
      [rule({ recipients: [], recipientPaths: ['email'] }), 'recipientPaths[0]'],
      [rule({ recipients: [] }), 'recipients'],
      [rule({ eventPattern: 'tenant..created' }), 'eventPattern'],
      [rule({ channel: 'fax' }), 'channel'],
      [rule({ templateKey: '' }), 'templateKey'],
    ];
    for (const [payload, field] of cases) {
      const res = await adminA.inject({ method: 'POST', url: URL, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().field, JSON.stringify(payload)).toBe(field);
    }
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_notification_rules WHERE name = 'Welcome SMS' AND tenant_id = $1`, [adminA.tenant!.id]);
    expect(n).toBe(0);
  });

  it('keeps tenants apart: B cannot list, read, change or delete A rules, nor create rules for A', async () => {
    const a = (await adminA.inject({ method: 'POST', url: URL, payload: rule({ name: 'A only' }) })).json();
    const listB = await adminB.inject(URL);
    expect(listB.json().map((r: { id: string }) => r.id)).not.toContain(a.id);
    expect((await adminB.inject(`${URL}/${a.id}`)).statusCode).toBe(404);
    expect((await adminB.inject({ method: 'PATCH', url: `${URL}/${a.id}`, payload: { enabled: false } })).statusCode).toBe(404);
    expect((await adminB.inject({ method: 'DELETE', url: `${URL}/${a.id}` })).statusCode).toBe(404);
    const forA = await adminB.inject({ method: 'POST', url: URL, payload: rule({ tenantId: adminA.tenant!.id }) });
    expect(forA.statusCode).toBe(403);
    expect(forA.json().code).toBe('tenant_forbidden');
    // B's deliveries list shows none of A's.
    expect((await adminB.inject('/api/messaging/notification-deliveries')).json()).toEqual([]);
    // A's rule is untouched.
    expect((await adminA.inject(`${URL}/${a.id}`)).json()).toMatchObject({ enabled: true, name: 'A only' });
  });

  it('tenant users cannot create platform rules; tenant members cannot write', async () => {
    const platform = await adminA.inject({ method: 'POST', url: URL, payload: rule({ tenantId: null }) });
    expect(platform.statusCode).toBe(403);
    const member = await memberA.inject({ method: 'POST', url: URL, payload: rule() });
    expect(member.statusCode).toBe(403);
  });

  it('a platform admin manages platform rules and every tenant rule; tenants never see platform rules', async () => {
    const platform = await t.inject({ method: 'POST', url: URL, payload: rule({ name: 'Platform: new tenant', recipients: ['+14155552671'] }) });
    expect(platform.statusCode).toBe(201);
    expect(platform.json().tenantId).toBeNull();
    const forB = await t.inject({ method: 'POST', url: URL, payload: rule({ name: 'Made by staff for B', tenantId: adminB.tenant!.id }) });
    expect(forB.statusCode).toBe(201);
    expect(forB.json().tenantId).toBe(adminB.tenant!.id);

    const all = (await t.inject(`${URL}?range=[0,499]`)).json().map((r: { id: string }) => r.id);
    expect(all).toEqual(expect.arrayContaining([platform.json().id, forB.json().id]));
    expect((await adminB.inject(URL)).json().map((r: { id: string }) => r.id)).toEqual([forB.json().id]);
    expect((await adminA.inject(`${URL}/${platform.json().id}`)).statusCode).toBe(404);
    expect((await adminA.inject({ method: 'DELETE', url: `${URL}/${platform.json().id}` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'PATCH', url: `${URL}/${forB.json().id}`, payload: { enabled: false } })).json().enabled).toBe(false);
  });
});
