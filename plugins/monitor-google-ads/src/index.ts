import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { googleAdsMonitor } from './google-ads-monitor.ts';

export { googleAdsMonitor };

export default definePlugin({
  name: 'monitor-google-ads',
  version: '0.1.0',
  description: 'Health monitor: Google Ads, per tenant (customer)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  scope: 'tenant',
  settings: monitorSettings(googleAdsMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, googleAdsMonitor)),
});
