import type { PluginContext } from '@platform/sdk';
import type { ConnectionStore } from '../connections/connection-store.ts';
import { fetchShopifyOrders, shopBaseUrl } from '../providers/shopify-oauth.ts';
import { wizardSettings } from '../wizard-settings.ts';
import type { ImportedOrder, ImportRun, ImportStore } from './import-store.ts';
import { shopifyAmountToMinor } from './shopify-amount.ts';

/** Imports running at once per tick; each moves one page per tick. */
const RUNS_PER_TICK = 20;

/**
 * The kernel job `onboarding.wizard-import`: every few seconds, one page of Shopify orders for each running
 * import, its progress stored with the page (so a closed browser, a restart or a second instance lose nothing).
 */
export function defineImportJob(ctx: PluginContext, imports: ImportStore, connections: ConnectionStore): void {
  ctx.jobs.define({
    name: 'wizard-import',
    everySeconds: 2,
    async handler() {
      for (const run of await imports.running(RUNS_PER_TICK)) await importOnePage(ctx, imports, connections, run);
    },
  });
}

export async function importOnePage(ctx: PluginContext, imports: ImportStore, connections: ConnectionStore, run: ImportRun): Promise<void> {
  try {
    const settings = await wizardSettings(ctx);
    const connection = await connections.find(run.tenantId, 'shopify');
    const token = await connections.accessToken(run.tenantId, 'shopify');
    if (!connection || !token) return imports.fail(run, 'The Shopify store is no longer connected');
    const cursor = JSON.parse(run.nextPage ?? '{}') as { since: string; pageInfo: string | null };
    const page = await fetchShopifyOrders(shopBaseUrl(settings.shopifyBaseUrl, String(connection.details.shop)), {
      apiVersion: settings.shopifyApiVersion,
      accessToken: token,
      createdAtMin: cursor.since,
      pageInfo: cursor.pageInfo,
      limit: settings.importPageSize,
    });
    const orders: ImportedOrder[] = [];
    for (const o of page.orders) {
      const totalMinor = shopifyAmountToMinor(o.total_price, o.currency);
      if (totalMinor === null || !o.id || typeof o.name !== 'string' || Number.isNaN(Date.parse(o.created_at))) continue;
      orders.push({ externalId: String(o.id), name: o.name.slice(0, 200), totalMinor, currency: o.currency, placedAt: new Date(o.created_at).toISOString() });
    }
    const next = page.nextPageInfo ? JSON.stringify({ since: cursor.since, pageInfo: page.nextPageInfo }) : null;
    await ctx.db.system().transactional((em) => imports.recordPage(em, run, orders, next));
  } catch (err) {
    ctx.logger.warn({ err, tenantId: run.tenantId }, 'onboarding import page failed');
    await imports.fail(run, (err as Error).message);
  }
}
