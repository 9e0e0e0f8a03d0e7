import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { dnsMonitor } from './dns-monitor.ts';

export { dnsMonitor };

export default definePlugin({
  name: 'monitor-dns',
  version: '0.1.0',
  description: 'Health monitor: DNS resolution',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(dnsMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, dnsMonitor)),
});
