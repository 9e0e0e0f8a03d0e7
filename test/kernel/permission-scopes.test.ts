import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '@platform/core';
import { definePlugin, type PlatformRequest } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { expectProblem, type Inject, type InjectOptions } from './support/http.ts';

/** A plugin whose routes answer what the SDK's tenant helpers say for the caller. */
const probe = definePlugin({
  name: 'scope-probe',
  version: '1.0.0',
  kernel: '^0.1.0',
  permissions: [
    { key: 'scope-probe.read', label: 'Read the probe', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
    { key: 'scope-probe.admin', label: 'Run the probe for the platform', scope: 'platform', grantTo: ['admin'] },
  ],
  boot(ctx) {
    ctx.routes.add({
      method: 'GET',
      url: '/named',
      permission: 'scope-probe.read',
      tenantScoped: false,
      handler: async (req: PlatformRequest<{ Querystring: { tenantId?: string | string[] } }>) => ({
        nameable: req.ctx.nameableTenantIds(),
        named: req.ctx.tenantsNamed('tenantId', req.query.tenantId),
      }),
    });
    ctx.routes.add({ method: 'GET', url: '/platform', permission: 'scope-probe.read', scope: 'platform', tenantScoped: false, handler: async () => ({ reached: true }) });
    ctx.routes.add({ method: 'POST', url: '/platform-write', permission: 'scope-probe.admin', tenantScoped: false, handler: async () => ({ reached: true }) });
  },
});

describe('permission and route scopes', () => {
  let t: TestKernel;
  let adminA: TestClient;
  let adminB: TestClient;
  const keyClient = (key: string): Inject => (opts) => {
    const o: InjectOptions = typeof opts === 'string' ? { url: opts, method: 'GET' } : opts;
    return t.kernel.app.inject({ ...o, headers: { authorization: `Bearer ${key}`, ...(o.headers ?? {}) } });
  };
  /** An API key row as an older kernel could have stored it, bypassing the API's checks. */
  const keyRow = async (tenantId: string, permissions: string[]): Promise<Inject> => {
    const key = `pk_${randomBytes(24).toString('hex')}`;
    await t.sql(`INSERT INTO api_keys (id, name, prefix, key_hash, permissions, tenant_id) VALUES ($1, 'legacy', $2, $3, $4, $5)`, [randomUUID(), key.slice(0, 10), hashToken(key), permissions, tenantId]);
    return keyClient(key);
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example, probe] });
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'scope-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'scope-b' });
  });
  afterAll(async () => t?.close());

  it('lists each permission with its scope; tenant callers see only tenant permissions', async () => {
    const all = (await t.inject('/api/permissions')).json();
    expect(all.find((p: any) => p.key === 'roles.write')).toMatchObject({ scope: 'platform' });
    expect(all.find((p: any) => p.key === 'scope-probe.read')).toMatchObject({ scope: 'tenant', plugin: 'scope-probe' });
    const forTenant = (await adminA.inject('/api/permissions')).json();
    expect(forTenant.length).toBeGreaterThan(5);
    expect(forTenant.every((p: any) => p.scope === 'tenant')).toBe(true);
  });

  it('resolves a tenant-bound key or user to tenant permissions only, whatever its row grants', async () => {
    const everything = await keyRow(adminA.tenant!.id, ['*']);
    const me = (await everything('/api/auth/me')).json();
    expect(me.permissions).toContain('scope-probe.read');
    expect(me.permissions).toContain('users.write');
    expect(me.permissions).not.toContain('*');
    expect(me.permissions.filter((p: string) => /^(platform\.|roles\.write|plugins\.manage|jobs\.|scope-probe\.admin)/.test(p))).toEqual([]);
    const wildcard = await keyRow(adminA.tenant!.id, ['scope-probe.*', 'platform.tenants.write']);
    expect((await wildcard('/api/auth/me')).json().permissions).toEqual(['scope-probe.read']);

    // A custom tenant role whose row (written before scopes existed) lists platform permissions.
    await t.sql(`INSERT INTO roles (id, key, name, permissions, scope) VALUES ($1, 'legacy_tenant', 'Legacy', $2, 'tenant')`, [randomUUID(), ['users.read', 'plugins.manage', 'roles.write']]);
    t.kernel.services.roles.invalidate();
    const member = await t.signIn({ role: 'tenant_member', tenant: 'scope-a' });
    await t.sql(`UPDATE users SET roles = '{legacy_tenant}' WHERE id = $1`, [member.userId]);
    expect((await member.inject('/api/auth/me')).json().permissions).toEqual(['users.read']);
    expectProblem(await member.inject({ method: 'PUT', url: `/api/plugins/example/tenants/${adminB.tenant!.id}`, payload: { enabled: false } }), 403, 'forbidden');
    expectProblem(await member.inject({ method: 'POST', url: '/api/roles', payload: { key: 'sneaky', name: 'S', permissions: [] } }), 403, 'forbidden');
  });

  it('refuses a tenant role, a tenant-bound key or a tenant user assignment that carries a platform permission (400 naming the field)', async () => {
    expectProblem(
      await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'tenant_ops', name: 'Ops', scope: 'tenant', permissions: ['users.read', 'plugins.manage'] } }),
      400,
      'validation_failed',
      'permissions',
    );
    expectProblem(
      await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'tenant_esc', name: 'Esc', scope: 'tenant', permissions: ['platform.tenants.write'] } }),
      400,
      'validation_failed',
      'permissions',
    );
    const ok = await t.inject({ method: 'POST', url: '/api/roles', payload: { key: 'tenant_reader', name: 'Reader', scope: 'tenant', permissions: ['users.read', 'scope-probe.read'] } });
    expect(ok.statusCode, ok.body).toBe(201);
    expectProblem(await t.inject({ method: 'PUT', url: `/api/roles/${ok.json().id}`, payload: { permissions: ['jobs.run'] } }), 400, 'validation_failed', 'permissions');

    for (const permissions of [['example.read', 'plugins.manage'], ['*'], ['example.*']])
      expectProblem(
        await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'too-wide', tenantId: adminA.tenant!.id, permissions } }),
        400,
        'validation_failed',
        'permissions',
      );
    const staffKey = await t.inject({ method: 'POST', url: '/api/api-keys', payload: { name: 'staff-ci', permissions: ['plugins.manage'] } });
    expect(staffKey.statusCode, staffKey.body).toBe(201);

    await t.sql(`INSERT INTO roles (id, key, name, permissions, scope) VALUES ($1, 'legacy_wide', 'Legacy wide', $2, 'tenant')`, [randomUUID(), ['users.read', 'jobs.run']]);
    expectProblem(
      await adminA.inject({ method: 'POST', url: '/api/users', payload: { email: 'wide@test.local', name: 'W', password: 'long-enough-pw', kind: 'tenant', roles: ['legacy_wide'] } }),
      400,
      'validation_failed',
      'roles',
    );
  });

  it('refuses a tenant-bound caller on a platform route before the handler, even holding its permission', async () => {
    // plugins.read is a tenant permission, but every tenant's enablement is the platform's business (issue #12, 1).
    expectProblem(await adminA.inject('/api/plugins/example/tenants'), 403, 'platform_only');
    expectProblem(await adminA.inject('/api/scope-probe/platform'), 403, 'platform_only');
    const key = await keyRow(adminA.tenant!.id, ['*']);
    expectProblem(await key('/api/plugins/example/tenants'), 403, 'platform_only');
    expectProblem(await key({ method: 'POST', url: '/api/scope-probe/platform-write' }), 403, 'forbidden');
    expectProblem(await key({ method: 'POST', url: '/api/jobs/kernel.expired-sessions/run' }), 403, 'forbidden');

    const staff = await t.inject('/api/plugins/example/tenants');
    expect(staff.statusCode).toBe(200);
    expect(staff.json().map((r: any) => r.slug)).toEqual(expect.arrayContaining(['scope-a', 'scope-b']));
    expect((await t.inject('/api/scope-probe/platform')).json()).toEqual({ reached: true });
    expect((await t.inject({ method: 'POST', url: '/api/scope-probe/platform-write' })).json()).toEqual({ reached: true });
    const tenantRecords = t.kernel.routeTable.records.filter((r) => r.url === '/api/scope-probe/named' || r.url === '/api/plugins/:name/tenants');
    expect(tenantRecords.map((r) => `${r.url} ${r.scope}`).sort()).toEqual(['/api/plugins/:name/tenants platform', '/api/scope-probe/named tenant']);
  });

  it('tenantsNamed: a tenant-bound caller names only its own tenant; staff name any, or the one they selected', async () => {
    const a = adminA.tenant!;
    const b = adminB.tenant!;
    for (const inject of [adminA.inject, await keyRow(a.id, ['scope-probe.read'])]) {
      expect((await inject('/api/scope-probe/named')).json()).toEqual({ nameable: [a.id], named: [a.id] });
      expect((await inject(`/api/scope-probe/named?tenantId=${a.id}`)).json().named).toEqual([a.id]);
      expect((await inject(`/api/scope-probe/named?tenantId=${a.slug}`)).json().named).toEqual([a.id]);
      const refused = expectProblem(await inject(`/api/scope-probe/named?tenantId=${b.id}`), 403, 'tenant_forbidden', 'tenantId');
      expect(refused.detail).toContain(b.id);
      expectProblem(await inject(`/api/scope-probe/named?tenantId=${a.id}&tenantId=${b.id}`), 403, 'tenant_forbidden', 'tenantId');
    }
    expect((await t.inject('/api/scope-probe/named')).json()).toEqual({ nameable: null, named: null });
    expect((await t.inject(`/api/scope-probe/named?tenantId=${b.id}`)).json().named).toEqual([b.id]);
    const staffInA = await t.signIn({ role: 'admin', tenant: 'scope-a' });
    expect((await staffInA.inject('/api/scope-probe/named')).json()).toEqual({ nameable: [a.id], named: [a.id] });
    expectProblem(await staffInA.inject(`/api/scope-probe/named?tenantId=${b.id}`), 403, 'tenant_forbidden', 'tenantId');
  });
});
