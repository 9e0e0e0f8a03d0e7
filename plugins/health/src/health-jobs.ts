import type { PluginContext } from '@platform/sdk';
import type { HealthRuntime } from './health-runtime.ts';
import { pruneHistory, rollUpHistory } from './store/history-maintenance.ts';
import { markStaleTargetsUnknown } from './store/stale-targets.ts';

/** Scheduled maintenance through the kernel's job engine (each tick runs once across instances). */
export function defineHealthJobs(ctx: PluginContext, runtime: HealthRuntime): void {
  const now = () => new Date(runtime.options.clock());
  ctx.jobs.define({ name: 'rollup-hourly', everySeconds: 300, handler: async ({ em }) => void (await rollUpHistory(ctx.db, now(), em)) });
  ctx.jobs.define({ name: 'history-retention', everySeconds: 3600, handler: async ({ em }) => void (await pruneHistory(ctx.db, now(), em)) });
  // Independent of the health scheduler: if every scheduler died, targets still turn `unknown` and say so.
  ctx.jobs.define({ name: 'stale-targets', everySeconds: 60, handler: async () => void (await markStaleTargetsUnknown(ctx, runtime)) });
}
