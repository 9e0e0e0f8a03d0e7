import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { shopifyMonitor } from './shopify-monitor.ts';

export { shopifyMonitor };

export default definePlugin({
  name: 'monitor-shopify',
  version: '0.1.0',
  description: 'Health monitor: Shopify Admin API, per tenant (shop)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  scope: 'tenant',
  settings: monitorSettings(shopifyMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, shopifyMonitor)),
});
