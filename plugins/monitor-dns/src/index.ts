import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { dnsMonitor } from './dns-monitor.ts';

export { dnsMonitor };

export default defineMonitorPlugin(dnsMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: DNS resolution' });
