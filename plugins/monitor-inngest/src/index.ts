import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { inngestMonitor } from './inngest-monitor.ts';

export { inngestMonitor };

export default definePlugin({
  name: 'monitor-inngest',
  version: '0.1.0',
  description: 'Health monitor: Inngest (events API)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(inngestMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, inngestMonitor)),
});
