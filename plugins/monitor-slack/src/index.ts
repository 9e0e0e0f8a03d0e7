import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { slackMonitor } from './slack-monitor.ts';

export { slackMonitor };

export default definePlugin({
  name: 'monitor-slack',
  version: '0.1.0',
  description: 'Health monitor: Slack (auth.test)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(slackMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, slackMonitor)),
});
