import { fileURLToPath } from 'node:url';
import { definePlugin, Type, type PluginContext, type PluginManifest } from '@platform/sdk';
import { EMAIL_PROVIDERS, MESSAGE_TEMPLATE_DEFAULTS, MESSAGING_SERVICE, SMS_PROVIDERS } from '@platform/sdk/messaging';
import { ProviderCatalog } from './providers/provider-catalog.ts';
import { ProviderConfigStore } from './providers/provider-config-store.ts';
import { ProviderConfigService } from './providers/provider-config-service.ts';
import { AssignmentStore } from './providers/assignment-store.ts';
import { SendingOrderCache } from './providers/sending-order-cache.ts';
import { addProviderRoutes } from './providers/provider-routes.ts';
import { addAssignmentRoutes } from './providers/assignment-routes.ts';
import { MessageStore } from './messages/message-store.ts';
import { addMessageRoutes } from './messages/message-routes.ts';
import { PlatformMessageSender } from './sending/message-sender.ts';
import { DeliveryUpdates } from './callbacks/delivery-updates.ts';
import { addCallbackRoutes } from './callbacks/callback-routes.ts';
import { messagingPermissions } from './messaging-permissions.ts';
import { LateBoundSender } from './sending/late-bound-sender.ts';
import type { CreditReservations } from './credits/credit-reservations.ts';
import type { TemplateRenderer } from './templates/template-renderer.ts';

export { MESSAGING_PERMISSIONS } from './messaging-permissions.ts';
export type { CreditReservations } from './credits/credit-reservations.ts';
export type { TemplateRenderer, RenderedMessage } from './templates/template-renderer.ts';

// --- analytics and console nav (msg-console) ---
import { addAnalyticsRoutes } from './analytics/analytics-routes.ts';
import { analyticsPermissions } from './analytics/analytics-permissions.ts';
import { MESSAGING_NAV } from './messaging-nav.ts';
// --- end analytics and console nav ---
// --- notifications (msg-worker) ---
import { NOTIFICATION_PERMISSIONS, bootNotifications, type NotificationOptions } from './notifications/notifications-module.ts';
// --- end notifications ---
import { defineStaleMessageSweep } from './sending/stale-message-sweep.ts';
import { addSmsCredits, creditPermissions } from './credits/sms-credits.ts';
import { TEMPLATE_PERMISSIONS } from './templates/template-access.ts';
import { addTemplateRoutes } from './templates/template-routes.ts';
import { TEMPLATES_CHANGED_CHANNEL } from './templates/sending-template-cache.ts';
import { messagingDataDeclarations } from './data-declarations.ts';
import { copyDefaultTemplatesToTenant, TENANT_TEMPLATE_COPIES, type TenantTemplateCopy } from './templates/tenant-template-copies.ts';

export interface MessagingOptions {
  clock: () => number;
  // --- notifications (msg-worker) ---
  notifications: NotificationOptions;
  // --- end notifications ---
  /**
   * Replaces the SMS credit ledger sending reserves, consumes and refunds through (tests whose subject is
   * not the ledger). Absent: the plugin's own ledger (`src/credits/`).
   */
  credits?: (ctx: PluginContext) => CreditReservations;
  /** The stale-message sweep: a message queued longer than `staleAfterMs` is resumed under a lease of `resumeLeaseMs` (both default 5 minutes). */
  sweep?: { staleAfterMs?: number; resumeLeaseMs?: number };
  /** Replaces the template renderer `template` sends use. Absent: the plugin's own templates (`src/templates/`). */
  templates?: (ctx: PluginContext) => TemplateRenderer;
}

/**
 * Messaging. Owns the SMS_PROVIDERS and EMAIL_PROVIDERS extension points; keeps provider configurations
 * (secrets sealed by the kernel), their assignment to tenants in a priority order with failover, the
 * per-tenant SMS credit ledger, templates, the notification worker and the delivery records.
 *
 * Routes under `/api/messaging`: `provider-types`, `providers` (+ `/:id/test`), `assignments`
 * (+ `effective`), `messages`, `callbacks/:configId` (public, raw body). Other plugins send through
 * `ctx.resolve<MessageSender>(MESSAGING_SERVICE)` with `dependsOn: ['messaging']`.
 */
export function createMessagingPlugin(given: Partial<MessagingOptions> = {}): PluginManifest {
  const clock = given.clock ?? Date.now;
  // MESSAGING_SERVICE is provided in register (other plugins resolve it in their boot); it sends once boot has wired it.
  const sender = new LateBoundSender();
  return definePlugin({
    name: 'messaging',
    version: '0.1.0',
    description: 'SMS and email providers with failover, SMS credits, templates, notifications and delivery analytics',
    kernel: '^0.1.0',
    scope: 'platform',
    permissions: [
      ...messagingPermissions,
      // SMS credits (src/credits/)
      ...creditPermissions,
      // templates (src/templates/)
      ...TEMPLATE_PERMISSIONS,
      // --- analytics (msg-console) ---
      ...analyticsPermissions,
      // --- end analytics ---
      // --- notifications (msg-worker) ---
      ...NOTIFICATION_PERMISSIONS,
      // --- end notifications ---
    ],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: messagingDataDeclarations,
    settings: Type.Object({
      tenantTemplateCopies: Type.Optional(
        Type.Array(Type.Object({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]), key: Type.String({ minLength: 1, maxLength: 100 }) }), {
          maxItems: 100,
          description: 'Platform templates each new tenant gets its own copy of at provisioning (default: email invitation, invoice.issued, credits.low); [] copies none',
        }),
      ),
    }),
    // --- console nav (msg-console): src/messaging-nav.ts, pages in admin/ ---
    nav: MESSAGING_NAV,
    // --- end console nav ---
    register(ctx) {
      ctx.extensions.declare(SMS_PROVIDERS);
      ctx.extensions.declare(EMAIL_PROVIDERS);
      ctx.extensions.declare(MESSAGE_TEMPLATE_DEFAULTS);
      ctx.provide(MESSAGING_SERVICE, sender);
    },
    async boot(ctx) {
      const catalog = new ProviderCatalog(ctx.extensions);
      const configs = new ProviderConfigStore(ctx.db);
      const assignments = new AssignmentStore(ctx.db);
      const messages = new MessageStore(ctx.db);
      const updates = new DeliveryUpdates(ctx, messages, clock);
      const orders = new SendingOrderCache(ctx, configs);
      // --- sending (msg-core) ---
      // The two seams: the ledger's CreditReservations (src/credits/: ledger routes, expiry and plan-grant
      // jobs) and the TemplateRenderer (src/templates/: routes, seeded default templates). Tests may replace either.
      const smsCredits = addSmsCredits(ctx, clock);
      const ownCredits: CreditReservations = smsCredits.reservations;
      const ownTemplates: TemplateRenderer = await addTemplateRoutes(ctx);
      const platformSender = new PlatformMessageSender({
        ctx,
        catalog,
        orders,
        messages,
        credits: given.credits ? given.credits(ctx) : ownCredits,
        templates: given.templates ? given.templates(ctx) : ownTemplates,
        updates,
        clock,
        staleAfterMs: given.sweep?.staleAfterMs,
        resumeLeaseMs: given.sweep?.resumeLeaseMs,
      });
      sender.bind(platformSender);
      defineStaleMessageSweep(ctx, platformSender, updates);
      addProviderRoutes(ctx, catalog, configs, new ProviderConfigService(ctx, configs, catalog, clock, orders));
      addAssignmentRoutes(ctx, assignments, configs, orders, clock);
      addMessageRoutes(ctx, messages, platformSender);
      addCallbackRoutes(ctx, catalog, configs, updates);
      // --- end sending ---
      // --- analytics (msg-console): daily counts, provider delivery rate and cost, a tenant's usage ---
      addAnalyticsRoutes(ctx, smsCredits.ledger, clock);
      // --- end analytics ---
      // --- notifications (msg-worker) ---
      bootNotifications(ctx, given.notifications, platformSender);
      // --- end notifications ---
    },
    /** A new tenant gets its own copies of the templates its customers receive (once per tenant; see TENANT_TEMPLATE_COPIES). */
    async onTenantProvisioned(ctx, tenant) {
      const settings = await ctx.settings.get<{ tenantTemplateCopies?: TenantTemplateCopy[] }>();
      await copyDefaultTemplatesToTenant(ctx.db, tenant, settings.tenantTemplateCopies ?? TENANT_TEMPLATE_COPIES);
      // Sends for this tenant now render its copies: every instance drops its cached templates.
      await ctx.broadcast.publish(TEMPLATES_CHANGED_CHANNEL, null);
    },
  });
}

export default createMessagingPlugin();
