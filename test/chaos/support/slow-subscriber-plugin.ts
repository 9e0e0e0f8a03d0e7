import { definePlugin } from '@platform/sdk';

/** Durable subscriber id of the fixture, on `tenant.created`. */
export const SLOW_SUBSCRIBER = 'chaos-slow-subscriber.on-tenant-created';

/**
 * Test fixture plugin, loaded by path from a platform process's config: a durable subscriber on
 * `tenant.created` whose handler takes `SLOW_SUBSCRIBER_DELAY_MS` (env of the process; default 0). With a long
 * delay the instance claims the deliveries and sits on them, the way an instance does right before it is killed.
 */
export default definePlugin({
  name: 'chaos-slow-subscriber',
  version: '1.0.0',
  description: 'Test fixture: a durable subscriber that takes as long as it is told',
  kernel: '^0.1.0',
  scope: 'platform',
  boot(ctx) {
    const delayMs = Number(process.env.SLOW_SUBSCRIBER_DELAY_MS ?? 0);
    ctx.events.subscribe(SLOW_SUBSCRIBER, 'tenant.created', async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    });
  },
});
