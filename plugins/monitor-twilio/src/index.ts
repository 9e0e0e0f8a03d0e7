import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { twilioMonitor } from './twilio-monitor.ts';

export { twilioMonitor };

export default defineMonitorPlugin(twilioMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Twilio (account)' });
