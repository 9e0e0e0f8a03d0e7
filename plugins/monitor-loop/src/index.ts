import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { loopMonitor } from './loop-monitor.ts';

export { loopMonitor };

export default defineMonitorPlugin(loopMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Loop Returns (returns API)' });
