import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { metaAdsMonitor } from './meta-ads-monitor.ts';

export { metaAdsMonitor };

export default definePlugin({
  name: 'monitor-meta-ads',
  version: '0.1.0',
  description: 'Health monitor: Meta Ads, per tenant (ad account)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  scope: 'tenant',
  settings: monitorSettings(metaAdsMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, metaAdsMonitor)),
});
