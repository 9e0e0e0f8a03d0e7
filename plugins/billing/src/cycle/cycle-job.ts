import type { PluginContext } from '@platform/sdk';
import type { BillingCycle } from './billing-cycle.ts';

/** Every hour: invoice the periods that are over (idempotent; concurrent instances take turns on the number lock). */
export function defineCycleJob(ctx: PluginContext, cycle: BillingCycle, now: () => Date): void {
  ctx.jobs.define({
    name: 'invoice-cycle',
    cron: '7 * * * *',
    async handler() {
      const result = await cycle.run(now());
      if (result.created) ctx.logger.info(result, 'billing cycle: invoices issued');
    },
  });
}
