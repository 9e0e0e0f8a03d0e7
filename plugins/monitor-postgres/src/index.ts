import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { postgresMonitor } from './postgres-monitor.ts';

export { postgresMonitor };

export default definePlugin({
  name: 'monitor-postgres',
  version: '0.1.0',
  description: 'Health monitor: PostgreSQL',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(postgresMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, postgresMonitor)),
});
