import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { redisMonitor } from './redis-monitor.ts';

export { redisMonitor };

export default defineMonitorPlugin(redisMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Redis' });
