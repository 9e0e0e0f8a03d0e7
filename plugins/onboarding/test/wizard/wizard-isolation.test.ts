import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '@platform/testing';
import { BASIC_INFO, connectShopify, ok, startWizardKernel, type WizardKernel } from './support/wizard-kernel.ts';

const S = '/api/onboarding/wizard';

/** Tenant A's admin can neither read nor change tenant B's session, connections, import or tour. */
describe('onboarding wizard tenant isolation', () => {
  let w: WizardKernel;
  let a: TestClient;
  let b: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    w = await startWizardKernel();
    a = await w.t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await w.t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    member = await w.t.signIn({ role: 'tenant_member', tenant: 'tenant-b' });
    await ok(b.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, name: 'Secret B brand', slug: 'brand-b' } } }));
    expect((await connectShopify(w, b)).statusCode).toBe(302);
  });
  afterAll(() => w?.close());

  it("reads only its own session, whatever header names B", async () => {
    const own = await ok(a.inject(`${S}/session`));
    expect(own.tenantId).toBe(a.tenant!.id);
    expect(JSON.stringify(own)).not.toContain('Secret B brand');
    const named = await a.inject({ url: `${S}/session`, headers: { 'x-tenant-id': b.tenant!.id } });
    expect(named.statusCode).toBe(403);
    expect(named.body).not.toContain('Secret B brand');
    const status = await a.inject({ url: `${S}/steps/shopify/status`, headers: { 'x-tenant-id': b.tenant!.id } });
    expect(status.statusCode).toBe(403);
    expect((await ok(a.inject(`${S}/steps/shopify/status`))).connection).toBeNull();
    const [{ n }] = await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_sessions WHERE tenant_id = $1`, [b.tenant!.id]);
    expect(n).toBe(1);
  });

  it("cannot change B's session, skip B's steps or use B's OAuth round", async () => {
    const viaHeader = await a.inject({ method: 'PUT', url: `${S}/steps/basic-info`, headers: { 'x-tenant-id': b.tenant!.id }, payload: { answers: { ...BASIC_INFO, name: 'A brand', slug: 'brand-a' } } });
    expect(viaHeader.statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: `${S}/launch`, headers: { 'x-tenant-id': b.tenant!.id } })).statusCode).toBe(403);
    await ok(a.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, name: 'A brand', slug: 'brand-a', domain: 'shop.brand-a.com' } } }));
    // One domain, one tenant.
    const sameDomain = await a.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: { ...BASIC_INFO, name: 'A brand', slug: 'brand-a' } } });
    expect(sameDomain.json()).toMatchObject({ code: 'domain_taken', field: 'answers.domain' });
    const bSession = await ok(b.inject(`${S}/session`));
    expect(bSession.answers['basic-info'].name).toBe('Secret B brand');
    expect((await w.t.kernel.services.directory.get(b.tenant!.id))!.name).toBe('Secret B brand');
    // B's pending state is not A's: a callback with B's state, run as A, is refused.
    const { authorizeUrl } = await ok(b.inject({ method: 'POST', url: `${S}/shopify/authorize`, payload: { shop: w.shopify.shop, scopes: ['read_orders'] } }));
    const callback = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const stolen = await a.inject(`${callback.pathname}${callback.search}`);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().field).toBe('state');
    const [aConn] = await w.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_connections WHERE tenant_id = $1 AND status = 'connected'`, [a.tenant!.id]);
    expect(aConn.n).toBe(0);
  });

  it("cannot launch B or see B's checklist; a tenant member cannot run the wizard", async () => {
    expect((await a.inject({ url: `${S}/checklist`, headers: { 'x-tenant-id': b.tenant!.id } })).statusCode).toBe(403);
    const checklist = await ok(a.inject(`${S}/checklist`));
    expect(JSON.stringify(checklist)).not.toContain('Secret B brand');
    expect((await member.inject(`${S}/session`)).statusCode).toBe(403);
    expect((await member.inject({ method: 'PUT', url: `${S}/steps/basic-info`, payload: { answers: BASIC_INFO } })).statusCode).toBe(403);
  });

  it('keeps the guided tour per user: dismissed for good, offered to others', async () => {
    expect(await ok(a.inject(`${S}/tour`))).toMatchObject({ offered: true });
    await ok(a.inject({ method: 'POST', url: `${S}/tour/dismiss`, payload: {} }));
    expect(await ok(a.inject(`${S}/tour`))).toMatchObject({ offered: false });
    expect(await ok(b.inject(`${S}/tour`))).toMatchObject({ offered: true });
    expect(await ok(member.inject(`${S}/tour`))).toMatchObject({ offered: true });
  });
});
