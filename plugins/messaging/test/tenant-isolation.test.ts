import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeHttpServer, TestClient, TestKernel } from '@platform/sdk/testing';
import { InTestCredits } from './support/fake-providers.ts';
import { acceptingSms, addConfig, assign, createMessagingKernel, messageCount } from './support/messaging-kernel.ts';

/** Tenant A's admin cannot read B's messages or assignments, send as B, or touch the platform's providers and assignments. */
describe('tenant isolation', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let sms: FakeHttpServer;
  let config: string;
  let bMessage: string;
  let aMessage: string;
  let bAssignment: string;
  const credits = new InTestCredits();

  beforeAll(async () => {
    t = (await createMessagingKernel(credits)).t;
    sms = await acceptingSms();
    config = await addConfig(t, 'sms', 'sms', sms.url);
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    credits.balance.set(a.tenant!.id, 10);
    credits.balance.set(b.tenant!.id, 10);
    await assign(t, a.tenant!.id, 'sms', [config]);
    await assign(t, b.tenant!.id, 'sms', [config]);
    bAssignment = (await t.inject(`/api/messaging/assignments?filter=${encodeURIComponent(JSON.stringify({ tenantId: b.tenant!.id }))}`)).json()[0].id;
    const send = (c: TestClient, body: string) => c.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body } });
    bMessage = (await send(b, 'secret of B')).json().id;
    aMessage = (await send(a, 'hello from A')).json().id;
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  const filter = (f: Record<string, unknown>) => encodeURIComponent(JSON.stringify(f));

  it("A lists only its own messages and cannot open or filter for B's", async () => {
    const list = await a.inject('/api/messaging/messages');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((m: any) => m.id)).toEqual([aMessage]);
    expect(list.body).not.toContain('secret of B');
    expect((await a.inject(`/api/messaging/messages/${bMessage}`)).statusCode).toBe(404);
    const named = await a.inject(`/api/messaging/messages?filter=${filter({ tenantId: b.tenant!.id })}`);
    expect(named.statusCode).toBe(403);
    expect(named.json()).toMatchObject({ code: 'tenant_forbidden', field: 'filter.tenantId' });
    // A filter naming no tenant by a string (JSON null, a number) is a 400 naming the field, never a 500.
    for (const tenantId of [[null], [1], ['']]) {
      const odd = await a.inject(`/api/messaging/messages?filter=${filter({ tenantId })}`);
      expect(odd.statusCode, odd.body).toBe(400);
      expect(odd.json()).toMatchObject({ field: 'filter.tenantId' });
    }
    // X-Tenant-Id naming B changes nothing for a tenant user.
    const header = await a.inject({ url: '/api/messaging/messages', headers: { 'x-tenant-id': b.tenant!.id } });
    expect(header.body).not.toContain(bMessage);
  });

  it("A reads its own assignment but not B's or the platform default", async () => {
    const list = (await a.inject('/api/messaging/assignments')).json();
    expect(list.map((x: any) => x.tenantId)).toEqual([a.tenant!.id]);
    expect((await a.inject(`/api/messaging/assignments/${bAssignment}`)).statusCode).toBe(404);
    expect((await a.inject(`/api/messaging/assignments?filter=${filter({ tenantId: b.tenant!.id })}`)).statusCode).toBe(403);
    expect((await a.inject(`/api/messaging/assignments?filter=${filter({ tenantId: null })}`)).statusCode).toBe(403);
  });

  it('A cannot send as B, send a platform message, or change assignments and providers', async () => {
    const before = await messageCount(t);
    const requests = sms.requests.length;
    const asB = await a.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: b.tenant!.id, to: '+14155550100', body: 'spoof' } });
    expect(asB.statusCode).toBe(403);
    expect(asB.json()).toMatchObject({ code: 'tenant_forbidden', field: 'tenantId' });
    const asPlatform = await a.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: null, to: '+14155550100', body: 'spoof' } });
    expect(asPlatform.statusCode).toBe(403);
    const reassign = await a.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: b.tenant!.id, channel: 'sms', providerConfigIds: [config] } });
    expect(reassign.statusCode).toBe(403);
    expect((await a.inject({ method: 'DELETE', url: `/api/messaging/assignments/${bAssignment}` })).statusCode).toBe(403);
    expect(await messageCount(t)).toBe(before);
    expect(sms.requests.length).toBe(requests);
    expect(credits.balance.get(b.tenant!.id)).toBe(9);
  });

  it('staff send for a tenant named by id or slug; an unknown tenant is a 400 naming tenantId', async () => {
    const bySlug = await t.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: 'tenant-b', to: '+14155550100', body: 'from staff' } });
    expect(bySlug.statusCode, bySlug.body).toBe(201);
    expect(bySlug.json().tenantId).toBe(b.tenant!.id);
    const unknown = await t.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', tenantId: '00000000-0000-4000-8000-000000000000', to: '+14155550100', body: 'x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_tenant', field: 'tenantId' });
    const unnamed = await t.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'x' } });
    expect(unnamed.json()).toMatchObject({ code: 'tenant_required', field: 'tenantId' });
  });

  it('staff read across tenants, or one tenant when they select it', async () => {
    const all = (await t.inject('/api/messaging/messages')).json().map((m: any) => m.id);
    expect(all).toEqual(expect.arrayContaining([aMessage, bMessage]));
    const support = await t.signIn({ role: 'support', tenant: 'tenant-b' });
    const selected = (await support.inject('/api/messaging/messages')).json();
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.every((m: any) => m.tenantId === b.tenant!.id)).toBe(true);
    expect(selected.map((m: any) => m.id)).toContain(bMessage);
  });

  it("purging a deleted tenant removes its messages, their attempts and history, and its assignments", async () => {
    const doomed = await t.signIn({ role: 'tenant_admin', tenant: 'doomed' });
    const id = doomed.tenant!.id;
    await assign(t, id, 'sms', [config]);
    credits.balance.set(id, 5);
    const m = (await doomed.inject({ method: 'POST', url: '/api/messaging/messages', payload: { channel: 'sms', to: '+14155550100', body: 'bye' } })).json();
    expect(m.status).toBe('queued');
    const by = { actorType: 'system', actorId: null, actorLabel: 'test', requestId: null } as const;
    await t.kernel.services.tenants.transition(id, 'delete', 'test', by as any);
    await t.kernel.services.tenants.purge(id, by as any, new Date(Date.now() + 365 * 86_400_000));
    const [left] = await t.sql<{ messages: number; attempts: number; events: number; assignments: number }>(
      `SELECT (SELECT count(*)::int FROM messaging_messages WHERE tenant_id = $1) AS messages,
              (SELECT count(*)::int FROM messaging_message_attempts WHERE message_id = $2) AS attempts,
              (SELECT count(*)::int FROM messaging_message_events WHERE message_id = $2) AS events,
              (SELECT count(*)::int FROM messaging_assignments WHERE tenant_id = $1) AS assignments`,
      [id, m.id],
    );
    expect(left).toEqual({ messages: 0, attempts: 0, events: 0, assignments: 0 });
  });
});
