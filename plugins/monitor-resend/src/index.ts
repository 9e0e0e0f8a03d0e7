import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { resendMonitor } from './resend-monitor.ts';

export { resendMonitor };

export default definePlugin({
  name: 'monitor-resend',
  version: '0.1.0',
  description: 'Health monitor: Resend email (domains)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(resendMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, resendMonitor)),
});
