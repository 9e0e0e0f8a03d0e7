import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { googleAdsMonitor } from './google-ads-monitor.ts';

export { googleAdsMonitor };

export default defineMonitorPlugin(googleAdsMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Google Ads, per tenant (customer)' });
