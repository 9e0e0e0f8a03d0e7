import { definePlugin, type PluginManifest } from '@platform/sdk';
import type { Kernel } from '@platform/core';

/** The event the flaky subscriber listens to, and its durable subscriber id. */
export const FLAKY_EVENT = 'flaky.ping';
export const FLAKY_SUBSCRIBER = 'flaky-subscriber.on-ping';
export const FLAKY_ERROR = 'flaky subscriber: downstream is unavailable';

export interface FlakySubscriber {
  plugin: PluginManifest;
  /** While true every delivery throws; with `maxAttempts: 1` the first failure is a dead letter. */
  failing: boolean;
  /** Payloads delivered successfully. */
  delivered: unknown[];
}

/** A fixture plugin whose durable event handler fails until the test flips `failing`: dead letters on demand. */
export function createFlakySubscriber(): FlakySubscriber {
  const flaky: FlakySubscriber = {
    failing: true,
    delivered: [],
    plugin: definePlugin({
      name: 'flaky-subscriber',
      version: '1.0.0',
      description: 'Test fixture: a durable subscriber that fails on demand',
      kernel: '^0.1.0',
      scope: 'platform',
      boot(ctx) {
        ctx.events.subscribe(
          FLAKY_SUBSCRIBER,
          FLAKY_EVENT,
          (payload) => {
            if (flaky.failing) throw new Error(FLAKY_ERROR);
            flaky.delivered.push(payload);
          },
          { maxAttempts: 1 },
        );
      },
    }),
  };
  return flaky;
}

/** Emits `flaky.ping` durably and waits for the relay to deliver (or dead-letter) it. */
export async function emitFlakyPing(kernel: Kernel, payload: Record<string, unknown>): Promise<void> {
  await kernel.services.events.emitDurable(kernel.orm.em.fork(), FLAKY_EVENT, payload);
  await kernel.services.events.drain();
}
