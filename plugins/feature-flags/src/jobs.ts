import type { JobRegistrar } from '@platform/sdk';
import type { FlagServices } from './service/flag-services.ts';

/** Scheduled work; each tick runs once across instances. */
export function defineFlagJobs(jobs: JobRegistrar, s: () => FlagServices): void {
  jobs.define({
    name: 'advance-rollouts',
    everySeconds: 60,
    async handler(job) {
      await s().rollouts.advanceDue(job.scheduledAt);
    },
  });
  jobs.define({
    name: 'expire-overrides',
    everySeconds: 60,
    async handler() {
      await s().overrides.removeExpired();
    },
  });
}
