import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { wiseMonitor } from './wise-monitor.ts';

export { wiseMonitor };

export default definePlugin({
  name: 'monitor-wise',
  version: '0.1.0',
  description: 'Health monitor: Wise (profiles)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(wiseMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, wiseMonitor)),
});
