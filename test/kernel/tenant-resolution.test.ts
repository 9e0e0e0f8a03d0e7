import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin, type PlatformRequest } from '@platform/sdk';
import example from '@platform/plugin-example';
import { isPromise } from '../../core/src/maybe-promise.ts';
import { expectProblem } from './support/http.ts';

/** A public route that shows which tenant the request resolved to. */
const whoami = definePlugin({
  name: 'whoami',
  version: '1.0.0',
  kernel: '^0.1.0',
  boot(ctx) {
    ctx.routes.add({
      method: 'GET',
      url: '/tenant',
      public: true,
      tenantScoped: false,
      schema: { summary: "The request's tenant (test fixture)" },
      handler: async (req: PlatformRequest) => ({ tenant: req.ctx.tenant?.slug ?? null, actor: req.ctx.actor?.id ?? null }),
    });
  },
});

describe('tenant from the request host', () => {
  let t: TestKernel;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example, whoami], config: { tenantRootDomain: 'example.test' } });
    for (const slug of ['iso-a', 'iso-b']) {
      ids[slug] = (await t.tenant(slug)).id;
      const note = await t.inject({ method: 'POST', url: '/api/example/notes', headers: { 'x-tenant-id': slug }, payload: { title: `note of ${slug}` } });
      expect(note.statusCode, note.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const anonymous = (host: string, url = '/api/whoami/tenant') => t.kernel.app.inject({ url, headers: { host } });

  describe('subdomain of tenantRootDomain', () => {
    it('puts an anonymous request on iso-a.example.test in tenant iso-a', async () => {
      expect((await anonymous('iso-a.example.test')).json()).toEqual({ tenant: 'iso-a', actor: null });
      expect((await anonymous('ISO-B.Example.Test:8443')).json()).toEqual({ tenant: 'iso-b', actor: null });
      // Not a subdomain of the root, nested, the bare root, or an unknown slug: no tenant.
      for (const host of ['iso-a.example.org', 'x.iso-a.example.test', 'example.test', 'iso-a-example.test', 'nobody.example.test', 'localhost'])
        expect((await anonymous(host)).json(), host).toEqual({ tenant: null, actor: null });
    });

    it("lists only that tenant's rows for staff without X-Tenant-Id", async () => {
      const list = await t.inject({ url: '/api/example/notes', headers: { host: 'iso-a.example.test' } });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().map((n: any) => [n.title, n.tenantId])).toEqual([['note of iso-a', ids['iso-a']]]);
      const created = await t.inject({ method: 'POST', url: '/api/example/notes', headers: { host: 'iso-b.example.test' }, payload: { title: 'via host' } });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().tenantId).toBe(ids['iso-b']);
      // An explicit X-Tenant-Id still wins over the host.
      const explicit = await t.inject({ url: '/api/example/notes', headers: { host: 'iso-a.example.test', 'x-tenant-id': 'iso-b' } });
      expect(explicit.json().map((n: any) => n.tenantId)).toEqual([ids['iso-b'], ids['iso-b']]);
    });

    it("refuses a suspended tenant's host with 403 tenant_suspended", async () => {
      const { id } = await t.tenant('iso-s');
      const suspended = await t.inject({ method: 'POST', url: `/api/tenants/${id}/suspend`, payload: { reason: 'test' } });
      expect(suspended.statusCode, suspended.body).toBe(200);
      expectProblem(await t.inject({ url: '/api/example/notes', headers: { host: 'iso-s.example.test' } }), 403, 'tenant_suspended');
    });
  });

  describe("a tenant's primary domain", () => {
    let acme: string;
    beforeAll(async () => {
      const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'acme-dom', name: 'Acme', primaryDomain: 'status.acme-corp.com' } });
      expect(res.statusCode, res.body).toBe(201);
      acme = res.json().id;
    });

    it('puts a request whose host is the primary domain in that tenant, port and case aside', async () => {
      expect((await anonymous('status.acme-corp.com')).json().tenant).toBe('acme-dom');
      expect((await anonymous('Status.ACME-corp.com:8080')).json().tenant).toBe('acme-dom');
      expect((await anonymous('acme-corp.com')).json().tenant).toBeNull();
      const list = await t.inject({ url: '/api/example/notes', headers: { host: 'status.acme-corp.com' } });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json()).toEqual([]);
    });

    it('is the last fallback: also under the root domain, after the subdomain found no tenant', async () => {
      const res = await t.inject({ method: 'PUT', url: `/api/tenants/${ids['iso-b']}`, payload: { primaryDomain: 'shop.example.test' } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await anonymous('shop.example.test')).json().tenant).toBe('iso-b');
      // A slug beats another tenant's domain.
      await t.inject({ method: 'PUT', url: `/api/tenants/${acme}`, payload: { primaryDomain: 'iso-a.example.test' } });
      expect((await anonymous('iso-a.example.test')).json().tenant).toBe('iso-a');
    });

    it('is cached (answered without waiting) until the tenant changes', async () => {
      const directory = t.kernel.services.directory;
      await t.inject({ method: 'PUT', url: `/api/tenants/${acme}`, payload: { primaryDomain: 'status.acme-corp.com' } });
      expect((await anonymous('status.acme-corp.com')).json().tenant).toBe('acme-dom');
      const cached = directory.lookupDomain('status.acme-corp.com');
      expect(isPromise(cached)).toBe(false);
      expect(cached).toMatchObject({ id: acme, slug: 'acme-dom' });
      // A write behind the directory's back is not seen while the entry is fresh...
      await t.sql(`UPDATE tenants SET primary_domain = 'moved.acme-corp.com' WHERE id = $1`, [acme]);
      expect((await anonymous('status.acme-corp.com')).json().tenant).toBe('acme-dom');
      // ...a change through the lifecycle service invalidates it, misses included.
      expect(isPromise(directory.lookupDomain('new.acme-corp.com'))).toBe(true);
      expect((await anonymous('new.acme-corp.com')).json().tenant).toBeNull();
      const res = await t.inject({ method: 'PUT', url: `/api/tenants/${acme}`, payload: { primaryDomain: 'new.acme-corp.com' } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await anonymous('new.acme-corp.com')).json().tenant).toBe('acme-dom');
      expect((await anonymous('status.acme-corp.com')).json().tenant).toBeNull();
    });
  });
});

describe('tenant from the host without tenantRootDomain', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [whoami] });
    await t.tenant('iso-a');
  });
  afterAll(async () => t?.close());

  it('ignores subdomains when no root domain is configured', async () => {
    const res = await t.kernel.app.inject({ url: '/api/whoami/tenant', headers: { host: 'iso-a.example.test' } });
    expect(res.json()).toEqual({ tenant: null, actor: null });
  });
});
