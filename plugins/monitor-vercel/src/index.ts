import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { vercelMonitor } from './vercel-monitor.ts';

export { vercelMonitor };

export default defineMonitorPlugin(vercelMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Vercel (user, latest production deployment)' });
