import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { loopMonitor } from './loop-monitor.ts';

export { loopMonitor };

export default definePlugin({
  name: 'monitor-loop',
  version: '0.1.0',
  description: 'Health monitor: Loop Returns (returns API)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(loopMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, loopMonitor)),
});
