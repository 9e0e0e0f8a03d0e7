import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { muxMonitor } from './mux-monitor.ts';

export { muxMonitor };

export default definePlugin({
  name: 'monitor-mux',
  version: '0.1.0',
  description: 'Health monitor: Mux Video (assets)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(muxMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, muxMonitor)),
});
