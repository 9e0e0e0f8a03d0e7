import type { PluginContext } from '@platform/sdk';
import { CustomerNotesStore } from './customer-notes-store.ts';
import { addCustomerNotesRoutes } from './customer-notes-routes.ts';
import { addPanelRoutes } from './panel-routes.ts';
import { addQuickActionRoutes } from './quick-action-routes.ts';

/** Customer 360 (issue 21 item 2): notes, contact log, tags, quick actions and the panels served here. Call in `boot()`. */
export function addCustomer360(ctx: PluginContext): void {
  const store = new CustomerNotesStore(ctx.db);
  addCustomerNotesRoutes(ctx, store);
  addQuickActionRoutes(ctx, store);
  addPanelRoutes(ctx, store);
}
