import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { yotpoMonitor } from './yotpo-monitor.ts';

export { yotpoMonitor };

export default defineMonitorPlugin(yotpoMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Yotpo (OAuth token and reviews)' });
