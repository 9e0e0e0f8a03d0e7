import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { wiseMonitor } from './wise-monitor.ts';

export { wiseMonitor };

export default defineMonitorPlugin(wiseMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Wise (profiles)' });
