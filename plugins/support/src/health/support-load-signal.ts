import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, linearScore, type HealthSignalResult } from '@platform/sdk/customer-health';

interface TicketCounts {
  open: number;
  breached: number;
}

async function countsOf(ctx: PluginContext, tenantIds: readonly string[]): Promise<Map<string, TicketCounts>> {
  const rows = await ctx.db.sql<TicketCounts & { tenant_id: string }>(
    `SELECT tenant_id, count(*)::int AS open, count(*) FILTER (WHERE first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)::int AS breached
     FROM support_tickets WHERE tenant_id = ANY($1::uuid[]) AND status IN ('open', 'pending', 'on_hold') GROUP BY tenant_id`,
    [tenantIds],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function supportLoadOf(row: TicketCounts | undefined): HealthSignalResult {
  const open = row?.open ?? 0;
  if (!row || open === 0) return { score: 1, reason: 'No open support tickets' };
  const breached = row.breached ? `, ${row.breached} past their SLA` : '';
  return { score: linearScore(open, 0, 5), reason: `${open} open support ticket${open === 1 ? '' : 's'}${breached}` };
}

/** Support load, 10 points of the customer health score: no open ticket scores in full, 5 or more nothing. */
export function contributeSupportLoadSignal(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'support-load',
    label: 'Support load',
    weight: 10,
    async compute(_call, tenant) {
      return supportLoadOf((await countsOf(ctx, [tenant.id])).get(tenant.id));
    },
    async computeMany(_call, tenants) {
      const counts = await countsOf(ctx, tenants.map((t) => t.id));
      return new Map(tenants.map((t) => [t.id, supportLoadOf(counts.get(t.id))]));
    },
  }));
}
