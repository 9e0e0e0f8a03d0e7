import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, linearScore } from '@platform/sdk/customer-health';

/** Support load, 10 points of the customer health score: no open ticket scores in full, 5 or more nothing. */
export function contributeSupportLoadSignal(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'support-load',
    label: 'Support load',
    weight: 10,
    async compute(_call, tenant) {
      const [row] = await ctx.db.sql<{ open: number; breached: number }>(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)::int AS breached
         FROM support_tickets WHERE tenant_id = $1 AND status IN ('open', 'pending', 'on_hold')`,
        [tenant.id],
        ctx.db.system(),
      );
      const open = row?.open ?? 0;
      if (open === 0) return { score: 1, reason: 'No open support tickets' };
      const breached = row.breached ? `, ${row.breached} past their SLA` : '';
      return { score: linearScore(open, 0, 5), reason: `${open} open support ticket${open === 1 ? '' : 's'}${breached}` };
    },
  }));
}
