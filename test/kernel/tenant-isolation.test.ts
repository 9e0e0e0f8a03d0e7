import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { expectProblem, listQuery, type Inject, type InjectOptions } from './support/http.ts';

/**
 * Tenant A's user and tenant A's API key must never reach tenant B's rows: not through the CRUD
 * helper (guessing ids or sending X-Tenant-Id: B), and not through the kernel routes tenant users reach.
 */
describe('tenant isolation', () => {
  let t: TestKernel;
  let adminA: TestClient;
  let adminB: TestClient;
  let keyA: Inject;
  let noteA: Record<string, any>;
  let noteB: Record<string, any>;

  const withKey = (key: string): Inject => (opts) => {
    const o: InjectOptions = typeof opts === 'string' ? { url: opts, method: 'GET' } : opts;
    return t.kernel.app.inject({ ...o, headers: { authorization: `Bearer ${key}`, ...(o.headers ?? {}) } });
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'iso-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'iso-b' });
    const a = await adminA.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'A only', body: 'alpha' } });
    expect(a.statusCode, a.body).toBe(201);
    noteA = a.json();
    const b = await adminB.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'B secret', body: 'bravo' } });
    expect(b.statusCode, b.body).toBe(201);
    noteB = b.json();

    // Tenant A's admin mints a key for a service of tenant A; asking for tenant B is refused.
    const permissions = ['example.read', 'example.write', 'users.read', 'audit.read'];
    expectProblem(
      await adminA.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'a-service', permissions, tenantId: adminB.tenant!.id } }),
      403,
      'tenant_forbidden',
      'tenantId',
    );
    const created = await adminA.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'a-service', permissions } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().tenantId).toBe(adminA.tenant!.id);
    keyA = withKey(created.json().key);
  });
  afterAll(async () => t?.close());

  const noteBUnchanged = async () => {
    const res = await adminB.inject(`/api/example/notes/${noteB.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'B secret', body: 'bravo', done: false, tenantId: adminB.tenant!.id });
  };

  describe.each([
    ['user', () => adminA.inject as Inject],
    ['API key', () => keyA],
  ])("tenant A's %s and the CRUD helper", (_label, as) => {
    it("cannot read, list, update or delete B's note by guessing its id (404)", async () => {
      const inject = as();
      expectProblem(await inject(`/api/example/notes/${noteB.id}`), 404, 'not_found');
      expectProblem(await inject({ method: 'PUT', url: `/api/example/notes/${noteB.id}`, payload: { title: 'pwned' } }), 404, 'not_found');
      expectProblem(await inject({ method: 'PATCH', url: `/api/example/notes/${noteB.id}`, payload: { done: true } }), 404, 'not_found');
      expectProblem(await inject({ method: 'DELETE', url: `/api/example/notes/${noteB.id}` }), 404, 'not_found');

      const list = await inject('/api/example/notes');
      expect(list.statusCode).toBe(200);
      expect(list.json().map((n: any) => n.id)).toEqual([noteA.id]);
      expect(list.headers['content-range']).toBe('notes 0-0/1');
      const byId = await inject(`/api/example/notes${listQuery({ filter: { id: [noteB.id, noteA.id] } })}`);
      expect(byId.json().map((n: any) => n.id)).toEqual([noteA.id]);
      const byTenant = await inject(`/api/example/notes${listQuery({ filter: { tenantId: adminB.tenant!.id } })}`);
      expect(byTenant.json()).toEqual([]);
      const search = await inject(`/api/example/notes${listQuery({ filter: { q: 'secret' } })}`);
      expect(search.json()).toEqual([]);
      const stats = await inject('/api/example/stats');
      expect(stats.json()).toMatchObject({ total: 1 });
      await noteBUnchanged();
    });

    it.each([
      ['id', () => adminB.tenant!.id],
      ['slug', () => adminB.tenant!.slug],
      ['upper-case slug', () => adminB.tenant!.slug.toUpperCase()],
    ])("is refused with 403 tenant_mismatch when sending X-Tenant-Id: B's %s", async (_kind, header) => {
      const inject = as();
      const headers = { 'x-tenant-id': header() };
      expectProblem(await inject({ url: '/api/example/notes', headers }), 403, 'tenant_mismatch');
      expectProblem(await inject({ url: `/api/example/notes/${noteB.id}`, headers }), 403, 'tenant_mismatch');
      expectProblem(await inject({ method: 'POST', url: '/api/example/notes', headers, payload: { title: 'planted' } }), 403, 'tenant_mismatch');
      expectProblem(await inject({ method: 'PUT', url: `/api/example/notes/${noteB.id}`, headers, payload: { title: 'pwned' } }), 403, 'tenant_mismatch');
      expectProblem(await inject({ method: 'DELETE', url: `/api/example/notes/${noteB.id}`, headers }), 403, 'tenant_mismatch');
      expectProblem(await inject({ url: '/api/users', headers }), 403, 'tenant_mismatch');
      expectProblem(await inject({ url: '/api/audit', headers }), 403, 'tenant_mismatch');
      await noteBUnchanged();
      const planted = await t.sql('SELECT id FROM example_notes WHERE title = $1', ['planted']);
      expect(planted).toEqual([]);
    });

    it('may name its own tenant in X-Tenant-Id', async () => {
      const res = await as()({ url: '/api/example/notes', headers: { 'x-tenant-id': adminA.tenant!.slug } });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((n: any) => n.id)).toEqual([noteA.id]);
    });
  });

  describe('platform staff', () => {
    it('with a tenant selected only see and change that tenant', async () => {
      const staffA = await t.signIn({ role: 'admin', tenant: 'iso-a' });
      const list = await staffA.inject('/api/example/notes');
      expect(list.json().map((n: any) => n.id)).toEqual([noteA.id]);
      expectProblem(await staffA.inject(`/api/example/notes/${noteB.id}`), 404, 'not_found');
      expectProblem(await staffA.inject({ method: 'DELETE', url: `/api/example/notes/${noteB.id}` }), 404, 'not_found');
      const viaSlug = await t.inject({ url: '/api/example/notes', headers: { 'x-tenant-id': 'iso-b' } });
      expect(viaSlug.json().map((n: any) => n.id)).toEqual([noteB.id]);
      await noteBUnchanged();
    });

    it('with no tenant selected get the cross-tenant list only with platform.tenants.cross', async () => {
      const all = await t.inject('/api/example/notes');
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json().map((n: any) => n.id).sort()).toEqual([noteA.id, noteB.id].sort());
      const star = await t.inject({ url: '/api/example/notes', headers: { 'x-tenant-id': '*' } });
      expect(star.json()).toHaveLength(2);

      const role = await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'notes_reader', name: 'Notes reader', permissions: ['example.read'] } });
      expect(role.statusCode, role.body).toBe(201);
      const reader = await t.signIn({ role: 'notes_reader' });
      expectProblem(await reader.inject('/api/example/notes'), 400, 'tenant_required', 'X-Tenant-Id');
      const scoped = await reader.inject({ url: '/api/example/notes', headers: { 'x-tenant-id': 'iso-a' } });
      expect(scoped.json().map((n: any) => n.id)).toEqual([noteA.id]);
    });

    it('need a tenant for single-row CRUD routes', async () => {
      expectProblem(await t.inject(`/api/example/notes/${noteB.id}`), 400, 'tenant_required');
      expectProblem(await t.inject({ method: 'DELETE', url: `/api/example/notes/${noteB.id}` }), 400, 'tenant_required');
    });
  });

  describe('kernel routes tenant users reach', () => {
    it("/api/users: A's admin and key only see and manage A's users", async () => {
      const bUsers = (await t.inject(`/api/users${listQuery({ filter: { tenantId: adminB.tenant!.id } })}`)).json();
      expect(bUsers.length).toBeGreaterThan(0);
      const bUser = bUsers[0];

      for (const inject of [adminA.inject as Inject, keyA]) {
        const list = await inject('/api/users?range=[0,99]');
        expect(list.statusCode).toBe(200);
        expect(list.json().length).toBeGreaterThan(0);
        expect(list.json().every((u: any) => u.tenantId === adminA.tenant!.id)).toBe(true);
        const filtered = await inject(`/api/users${listQuery({ filter: { tenantId: adminB.tenant!.id } })}`);
        expect(filtered.json()).toEqual([]);
        expectProblem(await inject(`/api/users/${bUser.id}`), 404, 'not_found');
      }
      expectProblem(await adminA.inject({ method: 'PUT', url: `/api/users/${bUser.id}`, payload: { name: 'pwned', status: 'disabled' } }), 404, 'not_found');
      expectProblem(await adminA.inject({ method: 'DELETE', url: `/api/users/${bUser.id}` }), 404, 'not_found');
      const still = (await t.inject(`/api/users/${bUser.id}`)).json();
      expect(still).toMatchObject({ name: bUser.name, status: 'active' });

      // Creating a user "in B" is refused naming tenantId; in A it is refused too (a typed password is for staff only); creating staff is refused.
      const user = { email: 'new-in-a@test.local', name: 'New', password: 'long-enough-pw', kind: 'tenant', roles: ['tenant_member'] };
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/users', payload: { ...user, tenantId: adminB.tenant!.id } }), 403, 'tenant_forbidden', 'tenantId');
      expect((await t.sql('SELECT id FROM users WHERE email = $1', [user.email])).length).toBe(0);
      // In its own tenant, a tenant admin cannot type a password for someone else either: it invites (onboarding).
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/users', payload: { ...user, tenantId: adminA.tenant!.id } }), 403, 'password_by_staff_only', 'password');
      expect((await t.sql('SELECT id FROM users WHERE email = $1', [user.email])).length).toBe(0);
      expectProblem(
        await adminA.inject({ method: 'POST', url: '/api/users', payload: { email: 'staff@test.local', name: 'S', password: 'long-enough-pw', kind: 'staff', roles: ['admin'] } }),
        403,
        'forbidden',
      );
      expectProblem(
        await adminA.inject({ method: 'POST', url: '/api/users', payload: { email: 'esc@test.local', name: 'E', password: 'long-enough-pw', kind: 'tenant', roles: ['super_admin'] } }),
        400,
        'validation_failed',
        'roles',
      );
    });

    it("/api/api-keys: A's admin never sees or revokes B's keys", async () => {
      const bKey = await adminB.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'b-service', permissions: ['example.read'] } });
      expect(bKey.statusCode, bKey.body).toBe(201);
      const bKeyId = bKey.json().id;

      const list = await adminA.inject('/api/api-keys');
      expect(list.statusCode).toBe(200);
      expect(list.json().length).toBeGreaterThan(0);
      expect(list.json().every((k: any) => k.tenantId === adminA.tenant!.id)).toBe(true);
      expect(list.json().map((k: any) => k.id)).not.toContain(bKeyId);
      expectProblem(await adminA.inject(`/api/api-keys/${bKeyId}`), 404, 'not_found');
      expectProblem(await adminA.inject({ method: 'DELETE', url: `/api/api-keys/${bKeyId}` }), 404, 'not_found');
      const stillValid = await withKey(bKey.json().key)('/api/example/notes');
      expect(stillValid.statusCode).toBe(200);
      expect(stillValid.json().map((n: any) => n.id)).toEqual([noteB.id]);
    });

    it("/api/audit: A's admin and key only see A's entries, also in the CSV export", async () => {
      for (const inject of [adminA.inject as Inject, keyA]) {
        const list = await inject('/api/audit?range=[0,499]');
        expect(list.statusCode).toBe(200);
        expect(list.json().length).toBeGreaterThan(0);
        expect(list.json().every((e: any) => e.tenantId === adminA.tenant!.id)).toBe(true);
        expect(list.json().map((e: any) => e.targetId)).not.toContain(noteB.id);
        const forB = await inject(`/api/audit${listQuery({ filter: { tenantId: adminB.tenant!.id } })}`);
        expect(forB.json()).toEqual([]);
        const byTarget = await inject(`/api/audit${listQuery({ filter: { targetId: noteB.id } })}`);
        expect(byTarget.json()).toEqual([]);
        const csv = await inject(`/api/audit/export.csv${listQuery({ filter: { tenantId: adminB.tenant!.id } })}`);
        expect(csv.statusCode).toBe(200);
        expect(csv.body.trim().split('\n')).toHaveLength(1);
        expect(csv.body).not.toContain(noteB.id);
      }
      // Staff see B's entries, so the filter above really had something to hide.
      const staff = await t.inject(`/api/audit${listQuery({ filter: { targetId: noteB.id } })}`);
      expect(staff.json().length).toBeGreaterThan(0);
    });

    it("/api/nav-overrides: A's admin never sees or changes B's overrides", async () => {
      const bOverride = await adminB.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'example.notes', label: 'B memos' } });
      expect(bOverride.statusCode, bOverride.body).toBe(201);
      const id = bOverride.json().id;

      const list = await adminA.inject('/api/nav-overrides');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual([]);
      expectProblem(await adminA.inject(`/api/nav-overrides/${id}`), 404, 'not_found');
      expectProblem(await adminA.inject({ method: 'PUT', url: `/api/nav-overrides/${id}`, payload: { hidden: true } }), 404, 'not_found');
      expectProblem(await adminA.inject({ method: 'DELETE', url: `/api/nav-overrides/${id}` }), 404, 'not_found');
      expectProblem(await adminA.inject({ url: '/api/nav-overrides', headers: { 'x-tenant-id': adminB.tenant!.id } }), 403, 'tenant_mismatch');

      // A's own override of the same item is A's alone.
      const aOverride = await adminA.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'example.notes', hidden: true } });
      expect(aOverride.statusCode, aOverride.body).toBe(201);
      expect(aOverride.json().tenantId).toBe(adminA.tenant!.id);

      const bNav = (await adminB.inject('/api/nav')).json();
      const bItems = bNav.sections.flatMap((s: any) => s.items);
      expect(bItems.find((i: any) => i.id === 'example.notes')).toMatchObject({ label: 'B memos' });
      const aItems = (await adminA.inject('/api/nav')).json().sections.flatMap((s: any) => s.items.map((i: any) => i.id));
      expect(aItems).not.toContain('example.notes');
      const bList = (await adminB.inject('/api/nav-overrides')).json();
      expect(bList.map((o: any) => o.id)).toEqual([id]);
    });

    it("/api/tenants: A's admin cannot read tenants", async () => {
      expectProblem(await adminA.inject('/api/tenants'), 403, 'forbidden');
      expectProblem(await adminA.inject(`/api/tenants/${adminB.tenant!.id}`), 403, 'forbidden');
    });
  });

  describe('per-tenant plugin enablement', () => {
    it("disabling a plugin for tenant A refuses A's requests to it, list included, and leaves B alone", async () => {
      const a = await t.signIn({ role: 'tenant_admin', tenant: 'off-a' });
      const b = await t.signIn({ role: 'tenant_admin', tenant: 'off-b' });
      expect((await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'before' } })).statusCode).toBe(201);

      const off = await t.inject({ method: 'PUT', url: `/api/plugins/example/tenants/${a.tenant!.id}`, payload: { enabled: false } });
      expect(off.statusCode, off.body).toBe(200);
      expectProblem(await a.inject('/api/example/notes'), 403, 'plugin_disabled');
      expectProblem(await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'after' } }), 403, 'plugin_disabled');
      expectProblem(await t.inject({ url: '/api/example/notes', headers: { 'x-tenant-id': 'off-a' } }), 403, 'plugin_disabled');
      const navA = (await a.inject('/api/nav')).json().sections.flatMap((s: any) => s.items.map((i: any) => i.id));
      expect(navA).not.toContain('example.notes');
      expect((await a.inject('/api/plugins/example')).json().enabled).toBe(false);

      expect((await b.inject('/api/example/notes')).statusCode).toBe(200);
      const navB = (await b.inject('/api/nav')).json().sections.flatMap((s: any) => s.items.map((i: any) => i.id));
      expect(navB).toContain('example.notes');

      expect((await t.inject({ method: 'PUT', url: `/api/plugins/example/tenants/${a.tenant!.id}`, payload: { enabled: true } })).statusCode).toBe(200);
      const back = await a.inject('/api/example/notes');
      expect(back.statusCode).toBe(200);
      expect(back.json()).toHaveLength(1);
      const audit = (await t.inject(`/api/audit${listQuery({ filter: { targetType: 'plugin', tenantId: a.tenant!.id }, sort: ['id', 'ASC'] })}`)).json();
      expect(audit.map((e: any) => e.action)).toEqual(['plugin.disabled', 'plugin.enabled']);
    });
  });
});
