import { ProblemError, Type, parseListParams, problems, replyInMemoryList, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { MARKETPLACE_PERMISSIONS } from '../marketplace-permissions.ts';
import { parseAddonDraft, parseAddonPatch } from './addon-input.ts';
import { requireTransition } from './addon-lifecycle.ts';
import { ADDON_STATUSES, type AddonRecord, type AddonStatus } from './addon-record.ts';
import { draftOf, type AddonStore } from './addon-store.ts';
import { checkProvisionTarget } from './provision-targets.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FILTER = { q: 'string', status: 'string', kind: 'string', pricing: 'string' } as const;
const SORT = ['name', 'status', 'kind', 'pricing', 'amountMinor', 'updatedAt', 'createdAt'];

/** Matches the react-admin filter (`q` over name and summary, the rest exact) in memory: the catalog is small. */
export function filterAddons(addons: AddonRecord[], filter: Record<string, unknown>): AddonRecord[] {
  const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
  const anyOf = (value: unknown, actual: string) => value === undefined || (Array.isArray(value) ? value.includes(actual) : value === actual);
  return addons.filter(
    (a) =>
      (!q || a.name.toLowerCase().includes(q) || a.summary.toLowerCase().includes(q) || a.description.toLowerCase().includes(q)) &&
      anyOf(filter.status, a.status) && anyOf(filter.kind, a.kind) && anyOf(filter.pricing, a.pricing),
  );
}

/** Staff routes over the catalog: `/api/marketplace/addons` (platform permissions; tenant callers never reach them). */
export function addCatalogRoutes(ctx: PluginContext, store: AddonStore): void {
  const P = MARKETPLACE_PERMISSIONS;
  const found = async (id: string, em?: Parameters<AddonStore['get']>[1], forUpdate = false) => {
    const addon = await store.get(id, em, forUpdate);
    if (!addon) throw problems.notFound('Add-on');
    return addon;
  };

  ctx.routes.add({
    method: 'GET', url: '/addons', permission: P.catalogRead, tenantScoped: false, scope: 'platform',
    schema: { summary: 'The whole catalog (drafts included); filter q, status, kind, pricing; sort and range as react-admin' },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { filter: FILTER, sort: SORT });
      return replyInMemoryList(req.query, reply, 'addons', filterAddons(await store.list(), params.filter), { filter: FILTER, sort: SORT });
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/addons/:id', permission: P.catalogRead, tenantScoped: false, scope: 'platform',
    schema: { summary: 'One add-on', params: IdParams },
    handler: async (req: PlatformRequest<{ Params: { id: string } }>) => found(req.params.id),
  });

  ctx.routes.add({
    method: 'POST', url: '/addons', permission: P.catalogWrite, tenantScoped: false, scope: 'platform',
    schema: { summary: 'Creates a draft add-on: { name, kind, provision, pricing, amountMinor, currency, summary?, description?, screenshots?, permissions?, allowedPlans? } (audited)' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const draft = parseAddonDraft(req.body);
      await checkProvisionTarget(ctx, draft.provision);
      const created = await ctx.db.system().transactional(async (em) => {
        const addon = await store.insert(em, draft);
        await req.ctx.audit({ action: 'marketplace.addon.created', targetType: 'marketplace.addon', targetId: addon.id, after: addon }, em);
        return addon;
      });
      reply.status(201);
      return created;
    },
  });

  ctx.routes.add({
    method: ['PATCH', 'PUT'], url: '/addons/:id', permission: P.catalogWrite, tenantScoped: false, scope: 'platform',
    schema: { summary: 'Changes an add-on (kind and provision only while a draft; a price change applies to new purchases) (audited)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const current = await found(req.params.id);
      const draft = parseAddonPatch(req.body, draftOf(current), current.status === 'draft');
      await checkProvisionTarget(ctx, draft.provision);
      return ctx.db.system().transactional(async (em) => {
        const before = await found(req.params.id, em, true);
        const after = await store.update(em, before.id, parseAddonPatch(req.body, draftOf(before), before.status === 'draft'));
        await req.ctx.audit({ action: 'marketplace.addon.updated', targetType: 'marketplace.addon', targetId: after.id, before, after }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/addons/:id/status', permission: P.catalogWrite, tenantScoped: false, scope: 'platform',
    schema: {
      summary: 'Moves an add-on through its lifecycle: { status: published | suspended | deprecated, reason? } (draft→published, published→suspended|deprecated, suspended→published|deprecated) (audited)',
      params: IdParams,
    },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const status = body.status;
      if (typeof status !== 'string' || !(ADDON_STATUSES as readonly string[]).includes(status)) throw problems.validation('status', `"status" must be one of ${ADDON_STATUSES.join(', ')}`);
      const reason = body.reason === undefined || body.reason === null ? null : body.reason;
      if (reason !== null && (typeof reason !== 'string' || reason.length > 500 || reason.includes('\u0000'))) throw problems.validation('reason', '"reason" must be text of at most 500 characters');
      return ctx.db.system().transactional(async (em) => {
        const before = await found(req.params.id, em, true);
        requireTransition(before.status, status as AddonStatus);
        if (status === 'published') await checkProvisionTarget(ctx, before.provision);
        const after = await store.setStatus(em, before.id, status as AddonStatus);
        await req.ctx.audit({ action: `marketplace.addon.${status}`, targetType: 'marketplace.addon', targetId: after.id, before: { status: before.status }, after: { status }, reason }, em);
        return after;
      });
    },
  });

  ctx.routes.add({
    method: 'DELETE', url: '/addons/:id', permission: P.catalogWrite, tenantScoped: false, scope: 'platform',
    schema: { summary: 'Deletes a draft add-on (a published one is suspended or deprecated instead) (audited)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return ctx.db.system().transactional(async (em) => {
        const before = await found(req.params.id, em, true);
        if (before.status !== 'draft') throw new ProblemError(409, 'not_a_draft', `Only drafts are deleted; a ${before.status} add-on is deprecated instead`, { field: 'status' });
        await store.remove(em, before.id);
        await req.ctx.audit({ action: 'marketplace.addon.deleted', targetType: 'marketplace.addon', targetId: before.id, before }, em);
        return before;
      });
    },
  });
}
