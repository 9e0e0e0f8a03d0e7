import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { yotpoMonitor } from './yotpo-monitor.ts';

export { yotpoMonitor };

export default definePlugin({
  name: 'monitor-yotpo',
  version: '0.1.0',
  description: 'Health monitor: Yotpo (OAuth token and reviews)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(yotpoMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, yotpoMonitor)),
});
