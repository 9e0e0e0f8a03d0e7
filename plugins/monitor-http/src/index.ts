import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { httpMonitor } from './http-monitor.ts';

export { httpMonitor };
export { matchesExpectedStatus } from './expected-status.ts';
export { certificateVerdict } from './certificate-expiry.ts';

export default definePlugin({
  name: 'monitor-http',
  version: '0.1.0',
  description: 'Health monitor: generic HTTP(S) endpoint',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(httpMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, httpMonitor)),
});
