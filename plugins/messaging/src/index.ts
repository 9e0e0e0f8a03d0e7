import { definePlugin, type PluginManifest } from '@platform/sdk';
import { EMAIL_PROVIDERS, SMS_PROVIDERS } from '@platform/sdk/messaging';
import { ProviderCatalog } from './providers/provider-catalog.ts';
import { fileURLToPath } from 'node:url';
// --- notifications (msg-worker) ---
import { NOTIFICATION_PERMISSIONS, bootNotifications, type NotificationOptions } from './notifications/notifications-module.ts';
// --- end notifications ---

export interface MessagingOptions {
  clock: () => number;
  // --- notifications (msg-worker) ---
  notifications: NotificationOptions;
  // --- end notifications ---
}

/**
 * Messaging. Owns the SMS_PROVIDERS and EMAIL_PROVIDERS extension points; keeps provider configurations
 * (secrets sealed by the kernel), their assignment to tenants in a priority order with failover, the
 * per-tenant SMS credit ledger, templates, the notification worker and the delivery records.
 */
export function createMessagingPlugin(given: Partial<MessagingOptions> = {}): PluginManifest {
  const clock = given.clock ?? Date.now;
  void clock;
  return definePlugin({
    name: 'messaging',
    version: '0.1.0',
    description: 'SMS and email providers with failover, SMS credits, templates, notifications and delivery analytics',
    kernel: '^0.1.0',
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    permissions: [
      // --- notifications (msg-worker) ---
      ...NOTIFICATION_PERMISSIONS,
      // --- end notifications ---
    ],
    register(ctx) {
      ctx.extensions.declare(SMS_PROVIDERS);
      ctx.extensions.declare(EMAIL_PROVIDERS);
    },
    boot(ctx) {
      const catalog = new ProviderCatalog(ctx.extensions);
      void catalog;
      // --- notifications (msg-worker) ---
      bootNotifications(ctx, given.notifications);
      // --- end notifications ---
    },
  });
}

export default createMessagingPlugin();
