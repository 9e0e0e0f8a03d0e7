import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { tcpMonitor } from './tcp-monitor.ts';

export { tcpMonitor };

export default definePlugin({
  name: 'monitor-tcp',
  version: '0.1.0',
  description: 'Health monitor: TCP port',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(tcpMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, tcpMonitor)),
});
