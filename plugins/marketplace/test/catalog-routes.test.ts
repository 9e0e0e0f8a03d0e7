import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketplaceKernel, type MarketplaceKernel } from './support/marketplace-kernel.ts';

const creditBundle = { name: '1,000 SMS credits', kind: 'sms_credits', provision: { credits: 1000 }, pricing: 'one_off', amountMinor: 1500, currency: 'USD' };

/** Staff's catalog: CRUD, validation naming the field, the lifecycle, and tenants kept out. */
describe('marketplace catalog (staff)', () => {
  let m: MarketplaceKernel;
  beforeAll(async () => {
    m = await createMarketplaceKernel([], { slugs: ['cat-a', 'cat-b'] });
  });
  afterAll(async () => m?.t.close());

  const create = (body: Record<string, unknown>) => m.t.inject({ method: 'POST', url: '/api/marketplace/addons', payload: body });
  const count = async () => (await m.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM marketplace_addons'))[0].n;

  it('creates a draft, lists it, edits it and audits each change', async () => {
    const res = await create({ ...creditBundle, screenshots: ['https://cdn.example.test/a.png'], permissions: ['messaging.send'], allowedPlans: ['growth'] });
    expect(res.statusCode, res.body).toBe(201);
    const addon = res.json();
    expect(addon).toMatchObject({ status: 'draft', kind: 'sms_credits', provision: { kind: 'sms_credits', credits: 1000 }, amountMinor: 1500, currency: 'USD', allowedPlans: ['growth'] });
    const list = await m.t.inject({ method: 'GET', url: `/api/marketplace/addons?filter=${encodeURIComponent('{"q":"sms"}')}` });
    expect(list.headers['content-range']).toBe('addons 0-0/1');
    const patched = await m.t.inject({ method: 'PATCH', url: `/api/marketplace/addons/${addon.id}`, payload: { amountMinor: 1200, description: 'Cheaper' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ amountMinor: 1200, description: 'Cheaper', name: creditBundle.name });
    const audit = await m.t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 ORDER BY id`, [addon.id]);
    expect(audit.map((a) => a.action)).toEqual(['marketplace.addon.created', 'marketplace.addon.updated']);
  });

  it.each([
    [{ amountMinor: -1 }, 'amountMinor'],
    [{ amountMinor: 9.99 }, 'amountMinor'],
    [{ amountMinor: '100' }, 'amountMinor'],
    [{ amountMinor: 1e20 }, 'amountMinor'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ currency: 'usd' }, 'currency'],
    [{ name: 'bad\u0000name' }, 'name'],
    [{ description: 'x\u0000' }, 'description'],
    [{ kind: 'pizza' }, 'kind'],
    [{ pricing: 'weekly' }, 'pricing'],
    [{ provision: { credits: 0 } }, 'provision.credits'],
    [{ screenshots: ['javascript:alert(1)'] }, 'screenshots.0'],
    [{ screenshots: ['not a url'] }, 'screenshots.0'],
    [{ screenshots: 'https://x.test/a.png' }, 'screenshots'],
    [{ permissions: ['Bad Key'] }, 'permissions.0'],
    [{ allowedPlans: [1] }, 'allowedPlans.0'],
    [{ kind: 'plugin', provision: { plugin: 'not-installed' } }, 'provision.plugin'],
    [{ kind: 'plugin', provision: { plugin: 'platform-thing' } }, 'provision.plugin'],
    [{ kind: 'flag_entitlement', provision: { flagKey: 'no.such.flag', value: true } }, 'provision.flagKey'],
    [{ kind: 'integration', provision: { integrationType: 'nope' } }, 'provision.integrationType'],
  ])('refuses %j with a 400 naming %s, writing nothing', async (change, field) => {
    const before = await count();
    const res = await create({ ...creditBundle, ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().field).toBe(field);
    expect(await count()).toBe(before);
  });

  it('moves through the lifecycle and refuses the transitions it does not allow', async () => {
    const id = (await create(creditBundle)).json().id;
    const to = (status: string) => m.t.inject({ method: 'POST', url: `/api/marketplace/addons/${id}/status`, payload: { status, reason: 'test' } });
    expect((await to('suspended')).statusCode).toBe(409);
    expect((await to('published')).json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await to('suspended')).json()).toMatchObject({ status: 'suspended' });
    expect((await to('published')).json()).toMatchObject({ status: 'published' });
    expect((await to('deprecated')).json()).toMatchObject({ status: 'deprecated' });
    const final = await to('published');
    expect(final.statusCode).toBe(409);
    expect(final.json()).toMatchObject({ code: 'invalid_transition', field: 'status' });
    expect((await to('draft')).statusCode).toBe(409);
    expect((await to('bogus')).json()).toMatchObject({ field: 'status' });
    // Published add-ons are never deleted; provision is locked once out of draft.
    expect((await m.t.inject({ method: 'DELETE', url: `/api/marketplace/addons/${id}` })).statusCode).toBe(409);
    const locked = await m.t.inject({ method: 'PATCH', url: `/api/marketplace/addons/${id}`, payload: { provision: { credits: 5 } } });
    expect(locked.json()).toMatchObject({ code: 'provision_locked', field: 'provision' });
  });

  it('deletes drafts', async () => {
    const id = (await create(creditBundle)).json().id;
    expect((await m.t.inject({ method: 'DELETE', url: `/api/marketplace/addons/${id}` })).statusCode).toBe(200);
    expect((await m.t.inject({ method: 'GET', url: `/api/marketplace/addons/${id}` })).statusCode).toBe(404);
  });

  it('keeps tenant admins out of every staff route', async () => {
    const id = (await create(creditBundle)).json().id;
    for (const req of [
      { method: 'GET', url: '/api/marketplace/addons' },
      { method: 'GET', url: `/api/marketplace/addons/${id}` },
      { method: 'POST', url: '/api/marketplace/addons', payload: creditBundle },
      { method: 'PATCH', url: `/api/marketplace/addons/${id}`, payload: { amountMinor: 1 } },
      { method: 'POST', url: `/api/marketplace/addons/${id}/status`, payload: { status: 'published' } },
      { method: 'DELETE', url: `/api/marketplace/addons/${id}` },
      { method: 'GET', url: '/api/marketplace/purchases' },
    ] as const) {
      const res = await m.alice.inject(req as any);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
    }
    expect((await m.t.inject({ method: 'GET', url: `/api/marketplace/addons/${id}` })).json()).toMatchObject({ status: 'draft', amountMinor: 1500 });
  });
});
