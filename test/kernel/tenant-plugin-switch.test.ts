import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, TENANT_PLUGINS, type TenantPluginSwitch } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';

/**
 * The kernel's TENANT_PLUGINS switch, which other plugins (the marketplace) use to turn a tenant-scoped plugin on
 * for one tenant: it refuses platform-wide and unknown plugins, writes in the caller's transaction (nothing on a
 * rollback), refreshes the enablement cache on commit, and the kernel then enforces it on the plugin's routes.
 */
describe('TENANT_PLUGINS (kernel)', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  const held: { plugins?: TenantPluginSwitch } = {};
  const addon = definePlugin({
    name: 'switch-addon', version: '1.0.0', kernel: '^0.1.0', scope: 'tenant', defaultEnabled: false,
    permissions: [{ key: 'switch-addon.read', label: 'Read', scope: 'tenant', grantTo: ['tenant_admin'] }],
    boot(ctx) {
      ctx.routes.add({ method: 'GET', url: '/ping', permission: 'switch-addon.read', tenantScoped: true, handler: async () => ({ ok: true }) });
    },
  });
  const probe = definePlugin({ name: 'switch-probe', version: '1.0.0', kernel: '^0.1.0', boot: (ctx) => void (held.plugins = ctx.resolve<TenantPluginSwitch>(TENANT_PLUGINS)) });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [addon, probe] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'switch-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'switch-b' });
  });
  afterAll(async () => t?.close());

  it('describes installed plugins and lists the tenant-scoped ones', () => {
    expect(held.plugins!.describe('switch-addon')).toMatchObject({ scope: 'tenant', defaultEnabled: false });
    expect(held.plugins!.describe('switch-probe')).toMatchObject({ scope: 'platform' });
    expect(held.plugins!.describe('nope')).toBeNull();
    expect(held.plugins!.tenantScoped().map((p) => p.name)).toEqual(['switch-addon']);
  });

  it('refuses platform-wide and unknown plugins', async () => {
    await expect(held.plugins!.setEnabled(a.tenant!.id, 'switch-probe', true, { actorLabel: 'test' })).rejects.toMatchObject({ status: 409, code: 'plugin_platform_scoped' });
    await expect(held.plugins!.setEnabled(a.tenant!.id, 'nope', true, { actorLabel: 'test' })).rejects.toMatchObject({ status: 404, code: 'plugin_not_found' });
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    await expect(
      t.kernel.orm.em.fork().transactional(async (em) => {
        await held.plugins!.setEnabled(a.tenant!.id, 'switch-addon', true, { em, actorLabel: 'test' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.sql(`SELECT 1 FROM tenant_plugins WHERE plugin = 'switch-addon'`)).toHaveLength(0);
    expect((await a.inject('/api/switch-addon/ping')).statusCode).toBe(403);
  });

  it('enables the plugin for one tenant on commit, audited, and the kernel lets only that tenant in', async () => {
    expect((await a.inject('/api/switch-addon/ping')).json()).toMatchObject({ code: 'plugin_disabled' });
    const result = await t.kernel.orm.em.fork().transactional((em) => held.plugins!.setEnabled(a.tenant!.id, 'switch-addon', true, { em, actorLabel: 'marketplace.purchase', reason: 'bought' }));
    expect(result).toEqual({ before: false, enabled: true });
    expect((await a.inject('/api/switch-addon/ping')).statusCode).toBe(200);
    expect((await b.inject('/api/switch-addon/ping')).statusCode).toBe(403);
    const audit = await t.sql<{ action: string; actor_label: string; reason: string }>(`SELECT action, actor_label, reason FROM audit WHERE target_id = 'switch-addon'`);
    expect(audit).toEqual([{ action: 'plugin.enabled', actor_label: 'marketplace.purchase', reason: 'bought' }]);
    await held.plugins!.setEnabled(a.tenant!.id, 'switch-addon', false, { actorLabel: 'marketplace.purchase' });
    expect((await a.inject('/api/switch-addon/ping')).statusCode).toBe(403);
  });
});
