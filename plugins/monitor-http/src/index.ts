import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { httpMonitor } from './http-monitor.ts';

export { httpMonitor };
export { matchesExpectedStatus } from './expected-status.ts';
export { certificateVerdict } from './certificate-expiry.ts';

export default defineMonitorPlugin(httpMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: generic HTTP(S) endpoint' });
