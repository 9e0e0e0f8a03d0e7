import type { PluginContext } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import type { InvoiceCollector } from '../payments/invoice-collector.ts';

/**
 * Hourly: collects open invoices whose next collection is due, for tenants that have a customer at the default
 * payment configuration (tenants paying by bank transfer are never charged, nor counted as failing). Each attempt is
 * audited by the collector (paid, or a dunning failure with the next attempt or the final action).
 */
export function defineDunningJob(ctx: PluginContext, deps: () => BillingDeps, collector: InvoiceCollector): void {
  ctx.jobs.define({
    name: 'collect-and-dun',
    cron: '17 * * * *',
    async handler() {
      await collectDue(deps, collector);
    },
  });
}

export async function collectDue(deps: () => BillingDeps, collector: InvoiceCollector): Promise<{ attempted: number; skipped: number }> {
  const d = deps();
  const now = d.now().toISOString();
  await d.db.sql(
    `UPDATE billing_invoices i SET next_collection_at = NULL, updated_at = now()
      WHERE i.state = 'open' AND i.next_collection_at <= $1
        AND NOT EXISTS (SELECT 1 FROM billing_customers c JOIN billing_payment_configs pc ON pc.id = c.config_id AND pc.is_default WHERE c.tenant_id = i.tenant_id)`,
    [now],
  );
  const due = await d.db.sql<{ id: string }>(`SELECT id::text FROM billing_invoices WHERE state = 'open' AND next_collection_at <= $1 ORDER BY next_collection_at LIMIT 500`, [now]);
  let attempted = 0;
  let skipped = 0;
  for (const { id } of due) {
    try {
      await collector.collect(id, null, (entry, em) => d.audit.record({ ...entry, actorType: 'system', actorId: 'billing.dunning' }, em));
      attempted++;
    } catch (err) {
      skipped++;
      d.logger.warn({ invoiceId: id, err: (err as Error).message }, 'billing: collection skipped');
    }
  }
  return { attempted, skipped };
}
