import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { vercelMonitor } from './vercel-monitor.ts';

export { vercelMonitor };

export default definePlugin({
  name: 'monitor-vercel',
  version: '0.1.0',
  description: 'Health monitor: Vercel (user, latest production deployment)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(vercelMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, vercelMonitor)),
});
