import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { INTEGRATION_TYPES } from '@platform/sdk/integrations';
import { addIntegrationRoutes } from './integrations/integration-routes.ts';
import { IntegrationService } from './integrations/integration-service.ts';
import { IntegrationStore } from './integrations/integration-store.ts';
import { shopifyIntegration } from './integrations/shopify-integration.ts';
import { AddonStore } from './catalog/addon-store.ts';
import { addCatalogRoutes } from './catalog/catalog-routes.ts';
import { MARKETPLACE_DATA } from './marketplace-data.ts';
import { MARKETPLACE_NAV } from './marketplace-nav.ts';
import { marketplacePermissions } from './marketplace-permissions.ts';
import { InvoiceLink } from './purchases/invoice-link.ts';
import { addPurchaseRoutes } from './purchases/purchase-routes.ts';
import { MarketplaceService, PURCHASE_COMPLETED } from './purchases/purchase-service.ts';
import { PurchaseStore } from './purchases/purchase-store.ts';

export { MARKETPLACE_PERMISSIONS } from './marketplace-permissions.ts';
export { cancellationRefund, paidPeriodEnd } from './purchases/paid-period.ts';
export type { AddonRecord } from './catalog/addon-record.ts';
export type { PurchaseRecord } from './purchases/purchase-record.ts';

/** DI key of this plugin's {@link MarketplaceService} (internal: tests and jobs). */
export const MARKETPLACE_SERVICE = 'marketplace.service';

export interface MarketplaceOptions {
  clock: () => number;
  /** Where the Shopify Admin API of a shop is (default `https://<shop>`); tests point it at a local fake. */
  shopifyApiBaseUrl: (shopDomain: string) => string;
}

/**
 * The marketplace: a catalog of add-ons (SMS credit bundles, tenant-scoped plugins, feature-flag entitlements,
 * integrations) with a lifecycle, sold to tenants on the plans each allows; purchases provision at once and go onto
 * the next invoice through `BILLING_CHARGES` when the billing plugin is installed; "My add-ons" with cancellation
 * and proration; and the integrations catalog (owns `INTEGRATION_TYPES`). Rules in README.md.
 *
 * Routes under `/api/marketplace`: `addons` (staff), `purchases` (staff), `store/addons` and `my/purchases` (tenant),
 * `integration-types` and `my/integrations` (tenant), `hooks/:token` (public, HMAC-signed inbound webhooks).
 */
export function createMarketplacePlugin(given: Partial<MarketplaceOptions> = {}): PluginManifest {
  const clock = given.clock ?? Date.now;
  return definePlugin({
    name: 'marketplace',
    version: '0.1.0',
    kernel: '^0.1.0',
    scope: 'platform',
    description: 'Marketplace: add-ons tenants buy (SMS credits, tenant plugins, flag entitlements, integrations) and the integrations catalog',
    permissions: marketplacePermissions,
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    nav: MARKETPLACE_NAV,
    data: MARKETPLACE_DATA,
    register(ctx) {
      ctx.extensions.declare(INTEGRATION_TYPES);
      // The integration type shipped with the marketplace; other plugins contribute theirs the same way.
      ctx.extensions.contribute(INTEGRATION_TYPES, { integration: shopifyIntegration(given.shopifyApiBaseUrl), plugin: 'marketplace' });
    },
    async boot(ctx) {
      const addons = new AddonStore(ctx.db);
      const purchases = new PurchaseStore(ctx.db);
      const invoices = new InvoiceLink(ctx, ctx.logger);
      const service = new MarketplaceService({ ctx, db: ctx.db, events: ctx.events, logger: ctx.logger, addons, purchases, invoices, clock });
      ctx.provide(MARKETPLACE_SERVICE, service);
      addCatalogRoutes(ctx, addons);
      addPurchaseRoutes(ctx, service, purchases);
      addIntegrationRoutes(ctx, new IntegrationService(ctx, new IntegrationStore(ctx.db), clock));
      ctx.events.subscribe('marketplace.flag-entitlement', PURCHASE_COMPLETED, async (payload) => {
        const { tenantId, purchaseId } = payload as { tenantId: string; purchaseId: string };
        await service.settleEntitlement(tenantId, purchaseId);
      });
      ctx.jobs.define({
        name: 'renew-or-expire',
        cron: '*/15 * * * *',
        async handler() {
          const outcome = await service.renewDue();
          if (outcome.renewed || outcome.expired) ctx.logger.info(outcome, 'renewed or expired recurring add-ons');
        },
      });
      ctx.jobs.define({
        name: 'sweep-charges',
        cron: '*/10 * * * *',
        async handler() {
          const sent = await service.sweepCharges();
          if (sent) ctx.logger.info({ sent }, 'sent add-on charges that had not reached billing');
        },
      });
    },
  });
}

export default createMarketplacePlugin();
