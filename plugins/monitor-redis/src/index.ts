import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { redisMonitor } from './redis-monitor.ts';

export { redisMonitor };

export default definePlugin({
  name: 'monitor-redis',
  version: '0.1.0',
  description: 'Health monitor: Redis',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(redisMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, redisMonitor)),
});
