import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, type PluginManifest } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
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
      const actor = req.ctx.actor;
      // Staff's override: outside the tenant's plan (plugins acting for a tenant go through ctx.tenantPlugins, within it).
      const state = await s.tenantPlugins.set(req.params.tenantId, req.params.name, req.body.enabled, { actorId: actor?.id ?? null, actorType: actor?.type ?? 'anonymous', actorLabel: actor?.email ?? actor?.name ?? null, requestId: req.ctx.requestId, withinPlan: false });
      return { tenantId: req.params.tenantId, plugin: state.name, enabled: state.enabled };
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
