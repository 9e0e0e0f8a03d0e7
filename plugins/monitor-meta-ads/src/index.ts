import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { metaAdsMonitor } from './meta-ads-monitor.ts';

export { metaAdsMonitor };

export default defineMonitorPlugin(metaAdsMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Meta Ads, per tenant (ad account)' });
