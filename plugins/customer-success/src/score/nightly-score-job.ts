import type { PluginContext } from '@platform/sdk';
import type { ScoreComputer } from './score-computer.ts';

/** `customer-success.nightly-scores`, daily at 02:00 UTC: stores the day's snapshot of every tenant. */
export function defineNightlyScoreJob(ctx: PluginContext, computer: ScoreComputer): void {
  ctx.jobs.define({
    name: 'nightly-scores',
    cron: '0 2 * * *',
    async handler() {
      const { tenants } = await computer.recomputeAll();
      ctx.logger.info({ action: 'customer_success.nightly_scores', tenants }, 'customer health scores computed');
    },
  });
}
