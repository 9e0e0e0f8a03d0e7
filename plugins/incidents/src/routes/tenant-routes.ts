import type { PlatformRequest, PluginContext } from '@platform/sdk';

/**
 * A tenant's view: incidents published to the status page that affect it (platform-wide ones, or those
 * naming it), with their public message only; never internal descriptions or timelines.
 */
export function addTenantRoutes(ctx: PluginContext): void {
  ctx.routes.add({
    method: 'GET',
    url: '/tenant/incidents',
    permission: 'incidents.tenant.read',
    tenantScoped: true,
    schema: { summary: "Published incidents affecting the current tenant (last 90 days), public fields only" },
    async handler(req: PlatformRequest) {
      const tenantId = req.ctx.requireTenant();
      const rows = await ctx.db.sql<Record<string, unknown>>(
        `SELECT id, title, severity, status, status_page_message AS message, affected_systems AS "affectedSystems", started_at AS "startedAt", resolved_at AS "resolvedAt"
         FROM incidents_incidents
         WHERE publish_to_status_page AND (affected_tenant_ids = '[]'::jsonb OR affected_tenant_ids ? $1)
           AND (status <> 'resolved' OR resolved_at > now() - interval '90 days')
         ORDER BY started_at DESC LIMIT 100`,
        [tenantId],
      );
      return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt as string).toISOString(), resolvedAt: r.resolvedAt ? new Date(r.resolvedAt as string).toISOString() : null }));
    },
  });
}
