import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';

const tags = ['onboarding'];

/**
 * The console's guided tour: offered to a tenant user until they dismiss it for good (stored per user and
 * tenant, server-side, so a new browser does not offer it again).
 */
export function addTourRoutes(ctx: PluginContext): void {
  ctx.routes.add({
    method: 'GET', url: '/wizard/tour', permission: 'authenticated',
    schema: { tags, summary: 'Whether the guided tour is offered to the signed-in user' },
    async handler(req: PlatformRequest) {
      const tenantId = req.ctx.requireTenant();
      const userId = req.ctx.actor?.type === 'user' ? req.ctx.actor.id : null;
      if (!userId) return { offered: false, dismissedAt: null };
      const [row] = await ctx.db.sql<{ dismissedAt: string }>(`SELECT dismissed_at AS "dismissedAt" FROM onboarding_tour_states WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId], req.ctx.em);
      return { offered: !row, dismissedAt: row ? new Date(row.dismissedAt).toISOString() : null };
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/tour/dismiss', permission: 'authenticated',
    schema: { tags, summary: 'Dismisses the guided tour for good', body: Type.Optional(Type.Object({}, { additionalProperties: false })) },
    async handler(req: PlatformRequest) {
      const tenantId = req.ctx.requireTenant();
      const userId = req.ctx.actor?.type === 'user' ? req.ctx.actor.id : null;
      if (!userId) return { offered: false, dismissedAt: null };
      await ctx.db.sql(`INSERT INTO onboarding_tour_states (tenant_id, user_id, dismissed_at) VALUES ($1, $2, now()) ON CONFLICT (tenant_id, user_id) DO NOTHING`, [tenantId, userId]);
      const [row] = await ctx.db.sql<{ dismissedAt: string }>(`SELECT dismissed_at AS "dismissedAt" FROM onboarding_tour_states WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
      return { offered: false, dismissedAt: new Date(row.dismissedAt).toISOString() };
    },
  });
}
