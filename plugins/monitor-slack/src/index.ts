import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { slackMonitor } from './slack-monitor.ts';

export { slackMonitor };

export default defineMonitorPlugin(slackMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Slack (auth.test)' });
