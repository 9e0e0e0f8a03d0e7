import type { PluginContext } from '@platform/sdk';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { NotificationDeliveryStore } from './notification-delivery-store.ts';
import { addNotificationDeliveryRoutes } from './notification-delivery-routes.ts';
import { NotificationRuleStore } from './notification-rule-store.ts';
import { EnabledRuleCache } from './enabled-rule-cache.ts';
import { addNotificationRuleRoutes } from './notification-rule-routes.ts';
import { NOTIFICATION_PATTERN, NOTIFICATION_SUBSCRIBER, createNotificationWorker, type QueuedMessageResumer } from './notification-worker.ts';

export { NOTIFICATION_PERMISSIONS } from './notification-permissions.ts';
export { NOTIFICATION_SUBSCRIBER } from './notification-worker.ts';

export interface NotificationOptions {
  /** Attempts of the worker per event before the kernel dead-letters it (default 8: 2 s, 4 s ... 256 s apart). */
  maxAttempts?: number;
  /** Recipients of one event sent at the same time (default 8). */
  concurrency?: number;
  /**
   * Events the worker handles side by side (default 64, the kernel's maximum): each event's deliveries are independent
   * (a delivery row per event, rule and recipient), so the kernel need not hand them over one after another. The
   * events in flight share their statements (GroupedStatement): more of them cost more sends at once, not more
   * database connections.
   */
  eventConcurrency?: number;
}

/** Notification rules, their routes, and the durable worker that sends them. Called from the plugin's boot(). */
export function bootNotifications(ctx: PluginContext, options: NotificationOptions = {}, resumer: QueuedMessageResumer): void {
  const rules = new NotificationRuleStore(ctx.db);
  const enabledRules = new EnabledRuleCache(ctx, rules);
  const deliveries = new NotificationDeliveryStore(ctx.db);
  addNotificationRuleRoutes(ctx, rules, enabledRules);
  addNotificationDeliveryRoutes(ctx, deliveries);
  let sender: MessageSender | null = null;
  const worker = createNotificationWorker({
    rules: enabledRules,
    deliveries,
    tenants: ctx.tenants,
    sender: () => (sender ??= ctx.resolve<MessageSender>(MESSAGING_SERVICE)),
    resumer,
    concurrency: options.concurrency,
    logger: ctx.logger,
  });
  ctx.events.subscribe(NOTIFICATION_SUBSCRIBER, NOTIFICATION_PATTERN, worker, { maxAttempts: options.maxAttempts ?? 8, concurrency: options.eventConcurrency ?? 64 });
}
