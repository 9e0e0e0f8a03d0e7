import { LOG_READER, ProblemError, Type, type LogReader, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { TENANT_PLAN_READER, type TenantPlanReader } from '@platform/sdk/entitlements';
import { timelineOf } from './activity-timeline.ts';
import { CUSTOMER_360_PERMISSIONS } from './customer-360-permissions.ts';
import type { CustomerNotesStore } from './customer-notes-store.ts';
import { TAGS as tags, TenantParams, UUID, customerOf, optionalService } from './customer-of-request.ts';

/** What a panel answers when the plugin owning its data is not installed: said, not an error. */
const unavailable = (plugin: string) => ({ available: false as const, reason: `the ${plugin} plugin is not installed` });

/**
 * The 360 page's panels that no other plugin serves through a route of its own, read through SDK services:
 * `customers/:tenantId/360/{profile,plan,usage,errors,timeline}` and a user's page `customers/:tenantId/users/:userId/360`.
 * Platform routes (staff only). Tickets, invoices, flag overrides, incidents and the health breakdown are served by
 * their owning plugins' routes (support, billing, feature-flags, incidents, customer-success `score/:tenantId`).
 */
export function addPanelRoutes(ctx: PluginContext, store: CustomerNotesStore): void {
  const read = { permission: CUSTOMER_360_PERMISSIONS.read, scope: 'platform' as const, tenantScoped: false };

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/360/profile',
    schema: { tags, summary: 'Profile panel: the tenant, its tags, the latest notes and contacts', params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const em = req.ctx.acrossTenants();
      const [tagList, notes, contacts] = await Promise.all([store.tags(em, tenant.id), store.notes(em, tenant.id, { limit: 3 }), store.contacts(em, tenant.id, 3)]);
      return { tenant, tags: tagList, latestNotes: notes, latestContacts: contacts };
    },
  });

  const planUsage = async (tenantId: string) => {
    const reader = optionalService<TenantPlanReader>(ctx, TENANT_PLAN_READER);
    return reader ? { available: true as const, ...(await reader.planAndUsage(tenantId)) } : null;
  };

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/360/plan',
    schema: { tags, summary: 'Plan panel: current plan, trial and billing period (TENANT_PLAN_READER)', params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const p = await planUsage(tenant.id);
      if (!p) return unavailable('plans');
      return { available: true, plan: p.plan, inTrial: p.inTrial, trialEndsAt: p.trialEndsAt, billingPeriod: p.billingPeriod };
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/360/usage',
    schema: { tags, summary: 'Usage panel: each meter this period against its limit (TENANT_PLAN_READER)', params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const p = await planUsage(tenant.id);
      if (!p) return unavailable('plans');
      return { available: true, billingPeriod: p.billingPeriod, usage: p.usage };
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/360/errors',
    schema: { tags, summary: "Errors panel: the tenant's last 3 error lines of the last 30 days (LOG_READER)", params: TenantParams },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const reader = optionalService<LogReader>(ctx, LOG_READER);
      if (!reader) return unavailable('logging');
      return { available: true, errors: await reader.recentErrors(tenant.id, { limit: 3, sinceHours: 720 }) };
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/360/timeline',
    schema: {
      tags,
      summary: "Timeline panel: the tenant's audit trail as activity (logins, plan changes, staff actions), newest first; `before` (the last item's id) pages back",
      params: TenantParams,
      querystring: Type.Object(
        {
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
          before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'Only items older than this item id' })),
        },
        { additionalProperties: false },
      ),
    },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Querystring: { limit?: number; before?: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      return timelineOf(await ctx.audit.recent({ tenantId: tenant.id, limit: req.query.limit ?? 100, before: req.query.before }));
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/customers/:tenantId/users/:userId/360',
    schema: { tags, summary: "A user's 360: profile, their activity in the tenant's recent audit trail, staff's notes on them", params: Type.Object({ tenantId: UUID, userId: UUID }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string; userId: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const user = await ctx.users.get(req.params.userId);
      if (!user || user.tenantId !== tenant.id) throw new ProblemError(404, 'not_found', `user ${req.params.userId} not found in this tenant`, { field: 'userId' });
      const [entries, notes] = await Promise.all([ctx.audit.recent({ tenantId: tenant.id, limit: 200 }), store.notes(req.ctx.acrossTenants(), tenant.id, { userId: user.id })]);
      const activity = timelineOf(entries.filter((e) => e.actorId === user.id || e.targetId === user.id));
      return { tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug }, user, activity, notes };
    },
  });
}
