import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';

/** The daily digest's "Failed payments" section: payments that failed in the last 24 hours, per tenant. */
export function contributeFailedPaymentsDigestSection(ctx: PluginContext): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'failed-payments',
    label: 'Failed payments',
    order: 60,
    async compute(call) {
      const rows = await ctx.db.sql<{ tenant_id: string; n: number; amount_minor: string; currency: string; reason: string | null }>(
        `SELECT tenant_id, count(*)::int AS n, sum(amount_minor)::text AS amount_minor, currency, max(failure_reason) AS reason
         FROM billing_payments WHERE status = 'failed' AND updated_at >= $1 AND updated_at < $2
         GROUP BY tenant_id, currency ORDER BY sum(amount_minor) DESC LIMIT 50`,
        [call.since, call.now],
        ctx.db.system(),
      );
      const names = new Map((await ctx.tenants.list()).map((t) => [t.id, t.name]));
      const failed = rows.reduce((n, r) => n + r.n, 0);
      return {
        status: rows.length ? 'warning' : 'ok',
        summary: failed ? `${failed} payment${failed === 1 ? '' : 's'} failed in the last 24 hours` : 'No payment failed in the last 24 hours',
        items: rows.map((r) => ({ label: names.get(r.tenant_id) ?? r.tenant_id, value: `${r.amount_minor} ${r.currency} minor units`, detail: `${r.n} failed${r.reason ? `: ${r.reason}` : ''}`, tenantId: r.tenant_id, status: 'warning' as const })),
      };
    },
  }));
}
