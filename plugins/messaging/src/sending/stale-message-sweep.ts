import type { PluginContext } from '@platform/sdk';
import type { PlatformMessageSender } from './message-sender.ts';
import type { DeliveryUpdates } from '../callbacks/delivery-updates.ts';

/** Job name (the kernel prefixes the plugin's: `messaging.resume-stale-messages`). */
export const STALE_MESSAGE_SWEEP_JOB = 'resume-stale-messages';

/**
 * Every minute: messages a dead send left `queued` beyond the staleness threshold are resumed (see
 * PlatformMessageSender.resumeStale), in batches of 100 until none is left, whatever sent them (a direct send, a
 * `wait: false` send of a process that stopped, a notification whose event was dead-lettered); then provider
 * callbacks that waited for a send a dead process recorded without applying them (DeliveryUpdates.settleLeftBehind).
 */
export function defineStaleMessageSweep(ctx: PluginContext, sender: PlatformMessageSender, updates: DeliveryUpdates): void {
  ctx.jobs.define({
    name: STALE_MESSAGE_SWEEP_JOB,
    everySeconds: 60,
    async handler() {
      let resumed = 0;
      for (let n = await sender.resumeStale(); n > 0; n = await sender.resumeStale()) resumed += n;
      if (resumed) ctx.logger.warn({ resumed }, 'messaging: resumed messages a dead send had left queued');
      const settled = await updates.settleLeftBehind();
      if (settled) ctx.logger.warn({ settled }, 'messaging: applied provider callbacks a dead send had left waiting');
    },
  });
}
