import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal } from '@platform/sdk/customer-health';

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
      const [row] = await ctx.db.sql<{ overdue: number; uncollectible: number; overdue_minor: string | null; currency: string | null }>(
        `SELECT count(*) FILTER (WHERE state = 'open' AND due_at < $2)::int AS overdue,
                count(*) FILTER (WHERE state = 'uncollectible' AND updated_at >= $3)::int AS uncollectible,
                sum(total_minor - amount_paid_minor) FILTER (WHERE state = 'open' AND due_at < $2)::text AS overdue_minor,
                min(currency) FILTER (WHERE state = 'open' AND due_at < $2) AS currency
         FROM billing_invoices WHERE tenant_id = $1`,
        [tenant.id, call.now, window.from],
        ctx.db.system(),
      );
      const overdue = row?.overdue ?? 0;
      const uncollectible = row?.uncollectible ?? 0;
      if (uncollectible > 0) return { score: 0, reason: `${uncollectible} invoice${uncollectible === 1 ? '' : 's'} written off as uncollectible in the last ${window.days} days` };
      if (overdue === 0) return { score: 1, reason: 'No overdue invoices' };
      const amount = row.overdue_minor && row.currency ? ` (${row.overdue_minor} ${row.currency} minor units due)` : '';
      return { score: overdue === 1 ? 0.4 : 0, reason: `${overdue} overdue invoice${overdue === 1 ? '' : 's'}${amount}` };
    },
  }));
}
