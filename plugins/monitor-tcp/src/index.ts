import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { tcpMonitor } from './tcp-monitor.ts';

export { tcpMonitor };

export default defineMonitorPlugin(tcpMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: TCP port' });
