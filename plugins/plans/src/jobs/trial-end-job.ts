import type { PluginContext } from '@platform/sdk';
import type { PlansRuntime } from '../services/plans-runtime.ts';

/** Every minute: trials that are over end with `plan.trial_ended`. */
export function defineTrialEndJob(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.jobs.define({
    name: 'end-trials',
    everySeconds: 60,
    async handler(job) {
      const ended = await rt.assignments.endDueTrials(new Date(Math.max(job.scheduledAt.getTime(), Date.now())));
      if (ended) ctx.logger.info({ ended }, 'trials ended');
    },
  });
}
