import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { muxMonitor } from './mux-monitor.ts';

export { muxMonitor };

export default defineMonitorPlugin(muxMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Mux Video (assets)' });
