import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { NavOverride } from '../entities/kernel-entities.ts';
import { resolveNav } from '../nav/nav-registry.ts';
import { listEntities, ListQuerySchema } from '../crud/list-entities.ts';
import { toPlain } from '../crud/crud-routes.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['nav'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const editable = {
  hidden: Type.Optional(Type.Boolean()),
  label: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  order: Type.Optional(Type.Union([Type.Integer({ minimum: -1000, maximum: 100000 }), Type.Null()])),
};
const CreateOverride = Type.Object({ itemId: Type.String({ minLength: 1 }), ...editable }, { additionalProperties: false });
const UpdateOverride = Type.Object(
  { ...editable, id: Type.Optional(Type.String()), itemId: Type.Optional(Type.String()), tenantId: Type.Optional(Type.String()), createdAt: Type.Optional(Type.Any()), updatedAt: Type.Optional(Type.Any()) },
  { additionalProperties: false },
);

export function navRoutes(r: PluginRouteCollector, s: KernelServices): void {
  r.add({
    method: 'GET', url: '/nav', permission: 'authenticated', tenantScoped: false,
    schema: { tags, summary: 'The console menu for the current user and tenant' },
    async handler(req: FastifyRequest) {
      const tenantId = req.ctx.tenantId;
      const enablement = tenantId ? await s.directory.enablementOf(tenantId) : new Map<string, boolean>();
      const manifests = new Map(s.plugins.map((p) => [p.name, p]));
      const overrides = tenantId ? await s.orm.em.fork().find(NavOverride, { tenantId }) : [];
      return resolveNav(s.nav(), {
        actor: req.ctx.actor!,
        enabledPlugins: (plugin) => {
          const m = manifests.get(plugin);
          if (!m || m.scope !== 'tenant' || !tenantId) return true;
          return enablement.get(plugin) ?? m.defaultEnabled !== false;
        },
        overrides,
      });
    },
  });

  r.add({
    method: 'GET', url: '/nav/items', permission: 'nav.manage', tenantScoped: false,
    schema: { tags, summary: 'Every navigation item contributed by the kernel and plugins' },
    handler: async () => s.nav().map((i) => ({ ...i, id: i.id })),
  });

  r.add({
    method: 'GET', url: '/nav-overrides', permission: 'nav.manage', tenantScoped: true,
    schema: { tags, summary: "The selected tenant's navigation overrides", querystring: ListQuerySchema },
    handler: (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) =>
      listEntities(req, reply, { em: s.orm.em.fork(), entity: NavOverride, resource: 'nav-overrides', fields: ['id', 'itemId', 'hidden', 'order', 'createdAt'], searchFields: ['itemId', 'label'], where: { tenantId: req.ctx.tenantId } }),
  });

  const load = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const em = s.orm.em.fork();
    const row = await em.findOne(NavOverride, { id: req.params.id, tenantId: req.ctx.tenantId });
    if (!row) throw new ProblemError(404, 'not_found', 'Navigation override not found');
    return { em, row };
  };

  r.add({
    method: 'GET', url: '/nav-overrides/:id', permission: 'nav.manage', tenantScoped: true,
    schema: { tags, summary: 'Get a navigation override', params: IdParams },
    handler: async (req: FastifyRequest<{ Params: { id: string } }>) => toPlain((await load(req)).row),
  });

  r.add({
    method: 'POST', url: '/nav-overrides', permission: 'nav.manage', tenantScoped: true,
    schema: { tags, summary: 'Hide, rename or reorder a menu item for the selected tenant (upsert by itemId)', body: CreateOverride },
    async handler(req: FastifyRequest<{ Body: { itemId: string; hidden?: boolean; label?: string | null; order?: number | null } }>, reply: FastifyReply) {
      if (!s.nav().some((i) => i.id === req.body.itemId)) throw new ProblemError(400, 'validation_failed', `Unknown navigation item "${req.body.itemId}"`, { field: 'itemId' });
      const tenantId = req.ctx.tenantId!;
      const row = await s.orm.em.fork().transactional(async (em) => {
        let o = await em.findOne(NavOverride, { tenantId, itemId: req.body.itemId });
        const before = o ? toPlain(o) : null;
        if (!o) o = em.create(NavOverride, { tenantId, itemId: req.body.itemId, hidden: false, label: null, order: null } as any);
        em.assign(o, { hidden: req.body.hidden ?? o.hidden, label: req.body.label === undefined ? o.label : req.body.label, order: req.body.order === undefined ? o.order : req.body.order });
        await em.flush();
        await req.ctx.audit({ action: 'nav.override_saved', targetType: 'nav_item', targetId: req.body.itemId, before, after: toPlain(o) }, em);
        return o;
      });
      reply.status(201);
      return toPlain(row);
    },
  });

  r.add({
    method: ['PUT', 'PATCH'], url: '/nav-overrides/:id', permission: 'nav.manage', tenantScoped: true,
    schema: { tags, summary: 'Edit a navigation override', params: IdParams, body: UpdateOverride },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body: { hidden?: boolean; label?: string | null; order?: number | null } }>) {
      const { em, row } = await load(req);
      const before = toPlain(row);
      for (const k of ['hidden', 'label', 'order'] as const) if (req.body[k] !== undefined) (row as any)[k] = req.body[k];
      await em.transactional(async (tem) => {
        await tem.flush();
        await req.ctx.audit({ action: 'nav.override_saved', targetType: 'nav_item', targetId: row.itemId, before, after: toPlain(row) }, tem);
      });
      return toPlain(row);
    },
  });

  r.add({
    method: 'DELETE', url: '/nav-overrides/:id', permission: 'nav.manage', tenantScoped: true,
    schema: { tags, summary: 'Remove a navigation override', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const { em, row } = await load(req);
      const before = toPlain(row);
      await em.transactional(async (tem) => {
        tem.remove(row);
        await tem.flush();
        await req.ctx.audit({ action: 'nav.override_removed', targetType: 'nav_item', targetId: row.itemId, before }, tem);
      });
      return before;
    },
  });
}
