import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { inngestMonitor } from './inngest-monitor.ts';

export { inngestMonitor };

export default defineMonitorPlugin(inngestMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Inngest (events API)' });
