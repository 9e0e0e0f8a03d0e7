import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, type PluginManifest } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { TenantPlugin } from '../entities/kernel-entities.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['plugins'];
const NameParams = Type.Object({ name: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }) });

export function pluginRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const find = (name: string): PluginManifest => {
    const m = s.plugins.find((p) => p.name === name);
    if (!m) throw new ProblemError(404, 'plugin_not_found', `Plugin "${name}" is not installed`);
    return m;
  };

  const describe = async (m: PluginManifest, tenantId: string | null) => ({
    id: m.name,
    name: m.name,
    version: m.version,
    description: m.description ?? null,
    kernel: m.kernel,
    scope: m.scope ?? 'platform',
    defaultEnabled: m.defaultEnabled !== false,
    dependsOn: m.dependsOn ?? [],
    permissions: m.permissions ?? [],
    nav: m.nav ?? [],
    hasSettings: !!m.settings,
    enabled: tenantId ? await s.directory.isPluginEnabled(tenantId, m.name) : true,
  });

  r.add({
    method: 'GET', url: '/plugins', permission: 'plugins.read', tenantScoped: false,
    schema: { tags, summary: 'Installed plugins; `enabled` is for the selected tenant' },
    async handler(req: FastifyRequest, reply: FastifyReply) {
      const list = await Promise.all(s.plugins.map((m) => describe(m, req.ctx.tenantId)));
      reply.header('Content-Range', `plugins 0-${Math.max(list.length - 1, 0)}/${list.length}`);
      return list;
    },
  });

  r.add({
    method: 'GET', url: '/plugins/:name', permission: 'plugins.read', tenantScoped: false,
    schema: { tags, summary: 'One installed plugin', params: NameParams },
    handler: async (req: FastifyRequest<{ Params: { name: string } }>) => describe(find(req.params.name), req.ctx.tenantId),
  });

  r.add({
    // Every tenant's enablement: platform staff only, though plugins.read is a tenant permission.
    method: 'GET', url: '/plugins/:name/tenants', permission: 'plugins.read', tenantScoped: false, scope: 'platform',
    schema: { tags, summary: 'Per-tenant enablement of a tenant-scoped plugin', params: NameParams },
    async handler(req: FastifyRequest<{ Params: { name: string } }>) {
      const m = find(req.params.name);
      const tenants = await s.directory.list({ status: ['provisioning', 'active', 'suspended'] });
      return Promise.all(tenants.map(async (t) => ({ tenantId: t.id, slug: t.slug, name: t.name, enabled: await s.directory.isPluginEnabled(t.id, m.name) })));
    },
  });

  r.add({
    method: 'PUT', url: '/plugins/:name/tenants/:tenantId', permission: 'plugins.manage', tenantScoped: false,
    schema: { tags, summary: 'Enable or disable a tenant-scoped plugin for one tenant', params: Type.Object({ name: Type.String(), tenantId: Type.String({ format: 'uuid' }) }), body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }) },
    async handler(req: FastifyRequest<{ Params: { name: string; tenantId: string }; Body: { enabled: boolean } }>) {
      const m = find(req.params.name);
      if (m.scope !== 'tenant') throw new ProblemError(409, 'plugin_platform_scoped', `Plugin "${m.name}" is platform-wide and cannot be toggled per tenant`);
      const tenant = await s.directory.get(req.params.tenantId);
      if (!tenant) throw new ProblemError(404, 'tenant_not_found', 'Tenant not found');
      const before = await s.directory.isPluginEnabled(tenant.id, m.name);
      await s.orm.em.fork().transactional(async (em) => {
        const row = await em.findOne(TenantPlugin, { tenantId: tenant.id, plugin: m.name });
        if (row) row.enabled = req.body.enabled;
        else em.create(TenantPlugin, { tenantId: tenant.id, plugin: m.name, enabled: req.body.enabled } as any);
        await em.flush();
        await req.ctx.audit({ action: req.body.enabled ? 'plugin.enabled' : 'plugin.disabled', tenantId: tenant.id, targetType: 'plugin', targetId: m.name, before: { enabled: before }, after: { enabled: req.body.enabled } }, em);
        await s.events.emitDurable(em, 'tenant.plugin_toggled', { tenantId: tenant.id, plugin: m.name, enabled: req.body.enabled });
      });
      s.directory.invalidate(tenant.id);
      return { tenantId: tenant.id, plugin: m.name, enabled: req.body.enabled };
    },
  });

  r.add({
    method: 'GET', url: '/plugins/:name/settings', permission: 'plugins.manage', tenantScoped: false,
    schema: { tags, summary: "A plugin's settings (platform level, or the selected tenant's); secrets are masked", params: NameParams },
    async handler(req: FastifyRequest<{ Params: { name: string } }>) {
      const m = find(req.params.name);
      return { plugin: m.name, tenantId: req.ctx.tenantId, schema: m.settings ?? null, values: await s.settings.getMasked(m.name, req.ctx.tenantId) };
    },
  });

  r.add({
    method: 'PUT', url: '/plugins/:name/settings', permission: 'plugins.manage', tenantScoped: false,
    schema: { tags, summary: 'Change plugin settings; secret fields are encrypted at rest', params: NameParams, body: Type.Record(Type.String(), Type.Unknown()) },
    async handler(req: FastifyRequest<{ Params: { name: string }; Body: Record<string, unknown> }>) {
      const m = find(req.params.name);
      const { before, after } = await s.settings.set(m.name, req.body, req.ctx.tenantId);
      await req.ctx.audit({ action: 'plugin.settings_changed', targetType: 'plugin', targetId: m.name, before, after });
      return { plugin: m.name, tenantId: req.ctx.tenantId, values: after };
    },
  });
}
