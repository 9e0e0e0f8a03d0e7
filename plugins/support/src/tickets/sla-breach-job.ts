import type { PluginContext } from '@platform/sdk';
import type { TicketStore } from './ticket-store.ts';

/**
 * `support.sla-breaches`, every minute: stamps the SLA timers that ran out (`first_response_breached_at`,
 * `resolution_breached_at`, once each) and emits `support.sla_breached` for each, in one transaction.
 * The API computes breaches at read time too; the stamps make them queryable and durable.
 */
export function defineSlaBreachJob(ctx: PluginContext, store: TicketStore, clock: () => Date): void {
  ctx.jobs.define({
    name: 'sla-breaches',
    everySeconds: 60,
    async handler() {
      const now = clock();
      await ctx.db.system().transactional(async (em) => {
        const breached = await store.markBreaches(em, now);
        for (const b of breached) await ctx.events.emitDurable(em, 'support.sla_breached', { ticketId: b.id, tenantId: b.tenantId, number: b.number, timer: b.timer });
        if (breached.length) ctx.logger.info({ action: 'support.sla_breaches', count: breached.length }, 'support tickets breached their SLA');
      });
    },
  });
}
