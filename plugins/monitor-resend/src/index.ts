import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { resendMonitor } from './resend-monitor.ts';

export { resendMonitor };

export default defineMonitorPlugin(resendMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Resend email (domains)' });
