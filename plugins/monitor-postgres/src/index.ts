import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { postgresMonitor } from './postgres-monitor.ts';

export { postgresMonitor };

export default defineMonitorPlugin(postgresMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: PostgreSQL' });
