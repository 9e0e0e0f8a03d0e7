import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { twilioMonitor } from './twilio-monitor.ts';

export { twilioMonitor };

export default definePlugin({
  name: 'monitor-twilio',
  version: '0.1.0',
  description: 'Health monitor: Twilio (account)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(twilioMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, twilioMonitor)),
});
