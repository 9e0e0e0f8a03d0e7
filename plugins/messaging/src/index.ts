import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { EMAIL_PROVIDERS, SMS_PROVIDERS } from '@platform/sdk/messaging';
import { ProviderCatalog } from './providers/provider-catalog.ts';
import { addSmsCredits, creditPermissions } from './credits/sms-credits.ts';
// --- templates (msg-templates) ---
import { TEMPLATE_PERMISSIONS } from './templates/template-access.ts';
import { addTemplateRoutes } from './templates/template-routes.ts';
// --- end templates ---

export interface MessagingOptions {
  clock: () => number;
}

/**
 * Messaging. Owns the SMS_PROVIDERS and EMAIL_PROVIDERS extension points; keeps provider configurations
 * (secrets sealed by the kernel), their assignment to tenants in a priority order with failover, the
 * per-tenant SMS credit ledger, templates, the notification worker and the delivery records.
 */
export function createMessagingPlugin(given: Partial<MessagingOptions> = {}): PluginManifest {
  const clock = given.clock ?? Date.now;
  return definePlugin({
    name: 'messaging',
    version: '0.1.0',
    description: 'SMS and email providers with failover, SMS credits, templates, notifications and delivery analytics',
    kernel: '^0.1.0',
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    permissions: [
      // SMS credits (src/credits/)
      ...creditPermissions,
      // --- templates (msg-templates) ---
      ...TEMPLATE_PERMISSIONS,
      // --- end templates ---
    ],
    register(ctx) {
      ctx.extensions.declare(SMS_PROVIDERS);
      ctx.extensions.declare(EMAIL_PROVIDERS);
    },
    async boot(ctx) {
      const catalog = new ProviderCatalog(ctx.extensions);
      void catalog;
      // SMS credits (src/credits/): ledger routes, expiry and plan-grant jobs, the reservations sending uses.
      const credits = addSmsCredits(ctx, clock);
      void credits;
      // --- templates (msg-templates): routes, default platform templates; the renderer is what sending uses ---
      const templateRenderer = await addTemplateRoutes(ctx);
      void templateRenderer;
      // --- end templates ---
    },
  });
}

export default createMessagingPlugin();
