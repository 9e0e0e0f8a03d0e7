import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, type HealthSignalResult } from '@platform/sdk/customer-health';

interface InvoiceCounts {
  overdue: number;
  uncollectible: number;
  overdue_minor: string | null;
  currency: string | null;
}

async function countsOf(ctx: PluginContext, tenantIds: readonly string[], now: Date, since: Date): Promise<Map<string, InvoiceCounts>> {
  const rows = await ctx.db.sql<InvoiceCounts & { tenant_id: string }>(
    `SELECT tenant_id, count(*) FILTER (WHERE state = 'open' AND due_at < $2)::int AS overdue,
            count(*) FILTER (WHERE state = 'uncollectible' AND updated_at >= $3)::int AS uncollectible,
            sum(total_minor - amount_paid_minor) FILTER (WHERE state = 'open' AND due_at < $2)::text AS overdue_minor,
            min(currency) FILTER (WHERE state = 'open' AND due_at < $2) AS currency
     FROM billing_invoices WHERE tenant_id = ANY($1::uuid[]) GROUP BY tenant_id`,
    [tenantIds, now, since],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function billingRiskOf(row: InvoiceCounts | undefined, days: number): HealthSignalResult {
  const overdue = row?.overdue ?? 0;
  const uncollectible = row?.uncollectible ?? 0;
  if (uncollectible > 0) return { score: 0, reason: `${uncollectible} invoice${uncollectible === 1 ? '' : 's'} written off as uncollectible in the last ${days} days` };
  if (!row || overdue === 0) return { score: 1, reason: 'No overdue invoices' };
  const amount = row.overdue_minor && row.currency ? ` (${row.overdue_minor} ${row.currency} minor units due)` : '';
  return { score: overdue === 1 ? 0.4 : 0, reason: `${overdue} overdue invoice${overdue === 1 ? '' : 's'}${amount}` };
}

/**
 * Billing risk, 20 points of the customer health score: no open invoice past its due date and none written off
 * (uncollectible) in the window scores in full; one overdue invoice 0.4; two or more, or a write-off, nothing.
 */
export function contributeBillingRiskSignal(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'billing-risk',
    label: 'Billing risk',
    weight: 20,
    async compute(call, tenant, window) {
      return billingRiskOf((await countsOf(ctx, [tenant.id], call.now, window.from)).get(tenant.id), window.days);
    },
    async computeMany(call, tenants, window) {
      const counts = await countsOf(ctx, tenants.map((t) => t.id), call.now, window.from);
      return new Map(tenants.map((t) => [t.id, billingRiskOf(counts.get(t.id), window.days)]));
    },
  }));
}
