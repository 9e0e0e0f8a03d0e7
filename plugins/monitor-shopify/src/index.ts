import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { shopifyMonitor } from './shopify-monitor.ts';

export { shopifyMonitor };

export default defineMonitorPlugin(shopifyMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Shopify Admin API, per tenant (shop)' });
