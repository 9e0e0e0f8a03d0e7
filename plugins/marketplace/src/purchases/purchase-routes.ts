import { Type, parseListParams, problems, replyInMemoryList, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { filterAddons } from '../catalog/catalog-routes.ts';
import type { AddonRecord } from '../catalog/addon-record.ts';
import { MARKETPLACE_PERMISSIONS } from '../marketplace-permissions.ts';
import type { PurchaseRecord } from './purchase-record.ts';
import type { PurchaseStore } from './purchase-store.ts';
import type { Buyer, MarketplaceService } from './purchase-service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const STORE_FILTER = { q: 'string', kind: 'string', pricing: 'string' } as const;
const STORE_SORT = ['name', 'kind', 'pricing', 'amountMinor', 'publishedAt'];
const PURCHASE_FILTER = { status: 'string', kind: 'string', addonId: 'uuid', q: 'string' } as const;
const PURCHASE_SORT = ['createdAt', 'addonName', 'status', 'amountMinor', 'periodEnd'];

/** What a tenant sees of an add-on: no lifecycle bookkeeping beyond what it needs. */
function storefrontView(a: AddonRecord) {
  return {
    id: a.id, name: a.name, summary: a.summary, description: a.description, kind: a.kind, provision: a.provision, pricing: a.pricing,
    amountMinor: a.amountMinor, currency: a.currency, screenshots: a.screenshots, permissions: a.permissions, publishedAt: a.publishedAt,
  };
}

function buyerOf(req: PlatformRequest): Buyer {
  const actor = req.ctx.actor;
  return { label: actor ? actor.email ?? actor.name ?? actor.id : null, audit: (entry, em) => req.ctx.audit(entry, em) };
}

function optionalReason(body: unknown): string | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).reason : undefined;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 500 || value.includes('\u0000')) throw problems.validation('reason', '"reason" must be text of at most 500 characters');
  return value.trim() || null;
}

function filterPurchases(rows: PurchaseRecord[], filter: Record<string, unknown>): PurchaseRecord[] {
  const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
  const anyOf = (value: unknown, actual: string) => value === undefined || (Array.isArray(value) ? value.includes(actual) : value === actual);
  return rows.filter((p) => (!q || p.addonName.toLowerCase().includes(q)) && anyOf(filter.status, p.status) && anyOf(filter.kind, p.kind) && anyOf(filter.addonId, p.addonId));
}

/**
 * The tenant side, all tenant-scoped and bound to the caller's tenant: the storefront (`/store/addons`, published
 * add-ons on the tenant's plan), purchases (`/my/purchases`) with cancellation, and staff's read of every
 * tenant's purchases (`/purchases`, platform permission).
 */
export function addPurchaseRoutes(ctx: PluginContext, service: MarketplaceService, purchases: PurchaseStore): void {
  const P = MARKETPLACE_PERMISSIONS;

  ctx.routes.add({
    method: 'GET', url: '/store/addons', permission: P.browse, tenantScoped: true,
    schema: { summary: "Published add-ons the tenant's plan allows; filter q (search), kind, pricing" },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const tenantId = req.ctx.requireTenant();
      const params = parseListParams(req.query, { filter: STORE_FILTER, sort: STORE_SORT });
      const rows = filterAddons(await service.storefront(tenantId), params.filter).map(storefrontView);
      return replyInMemoryList(req.query, reply, 'store-addons', rows, { filter: STORE_FILTER, sort: STORE_SORT });
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/store/addons/:id', permission: P.browse, tenantScoped: true,
    schema: { summary: 'One published add-on (404 when not on sale to this tenant)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return storefrontView(await service.sellable(req.ctx.requireTenant(), req.params.id).catch((err) => {
        if (err?.status === 409) throw problems.notFound('Add-on');
        throw err;
      }));
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/store/addons/:id/quote', permission: P.browse, tenantScoped: true,
    schema: { summary: 'What buying it would cost: the price, the paid period, and the next invoice with it as an extra line (null without billing)', params: IdParams },
    handler: async (req: PlatformRequest<{ Params: { id: string } }>) => {
      const quote = await service.quote(req.ctx.requireTenant(), req.params.id);
      return { ...quote, addon: storefrontView(quote.addon) };
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/my/purchases', permission: P.buy, tenantScoped: true,
    schema: {
      summary: 'Buys an add-on for the current tenant: { addonId }. Provisions at once; the charge goes onto the next invoice. Send an Idempotency-Key to make retries safe.',
      body: Type.Object({ addonId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Body: { addonId: string } }>, reply: PlatformReply) {
      const confirmation = await service.purchase(req.ctx.requireTenant(), req.body.addonId, buyerOf(req));
      reply.status(201);
      return confirmation;
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/my/purchases', permission: P.browse, tenantScoped: true,
    schema: { summary: "The current tenant's purchases, newest first (history); filter status, kind, addonId, q" },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const tenantId = req.ctx.requireTenant();
      const params = parseListParams(req.query, { filter: PURCHASE_FILTER, sort: PURCHASE_SORT });
      const rows = await ctx.db.forTenant(tenantId).transactional((em) => purchases.listForTenant(em, tenantId));
      return replyInMemoryList(req.query, reply, 'purchases', filterPurchases(rows, params.filter), { filter: PURCHASE_FILTER, sort: PURCHASE_SORT });
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/my/purchases/:id', permission: P.browse, tenantScoped: true,
    schema: { summary: "One of the current tenant's purchases, with what cancelling it now would refund", params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const q = await service.cancellationQuote(req.ctx.requireTenant(), req.params.id);
      return { ...q.purchase, cancellation: { cancellable: q.cancellable, reason: q.reason, ...q.refund } };
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/my/purchases/:id/cancel', permission: P.buy, tenantScoped: true,
    schema: { summary: 'Cancels a purchase: { reason? }. Recurring: the unused share of the paid period is refunded; one-off: no refund (audited)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return service.cancel(req.ctx.requireTenant(), req.params.id, optionalReason(req.body), buyerOf(req));
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/purchases', permission: P.purchasesRead, tenantScoped: false, scope: 'platform',
    schema: { summary: "Every tenant's purchases (staff), newest first; filter status, kind, addonId, q" },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { filter: PURCHASE_FILTER, sort: PURCHASE_SORT });
      const rows = await ctx.db.system().transactional((em) => purchases.listAll(em));
      return replyInMemoryList(req.query, reply, 'purchases', filterPurchases(rows, params.filter), { filter: PURCHASE_FILTER, sort: PURCHASE_SORT });
    },
  });
}
