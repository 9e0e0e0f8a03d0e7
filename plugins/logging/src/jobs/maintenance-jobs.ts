import type { PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';

const DAY = 86_400_000;

/**
 * `logging.partitions` (hourly): create day partitions ahead, drop leaves past retention, trim DEBUG, merge
 * the full-text pending lists of days that are over, prune
 * old hourly error counts and closed DEBUG windows. `logging.error-rates` (every minute): emit
 * `logging.error_group_rate` for every group seen in the last five minutes.
 */
export function defineMaintenanceJobs(ctx: PluginContext, rt: LoggingRuntime): void {
  ctx.jobs.define({
    name: 'partitions',
    everySeconds: 3600,
    async handler() {
      const settings = await rt.config.reload();
      const result = await rt.partitions.run(settings.retentionDays, settings.partitionsAheadDays);
      await rt.groups.prune(new Date(Date.now() - (settings.retentionDays.error + 1) * DAY));
      await rt.debug.prune();
      if (result.created.length || result.dropped.length || result.ginCleaned)
        ctx.logger.info({ action: 'logging.partitions', ...result }, 'log partitions maintained');
    },
  });
  ctx.jobs.define({
    name: 'error-rates',
    everySeconds: 60,
    async handler() {
      for (const r of await rt.groups.recentRates()) {
        ctx.events.emit('logging.error_group_rate', { fingerprint: r.fingerprint, errorType: r.errorType, message: r.message, status: r.status, lastFiveMinutes: r.lastFiveMinutes, perMinute: r.lastFiveMinutes / 5 });
      }
    },
  });
}
