import { defineMonitorPlugin } from '@platform/sdk/monitors';
import { stripeMonitor } from './stripe-monitor.ts';

export { stripeMonitor };

export default defineMonitorPlugin(stripeMonitor, { version: '0.1.0', kernel: '^0.1.0', description: 'Health monitor: Stripe API (balance)' });
