import { definePlugin, monitorRegistration, monitorSettings, MONITORS } from '@platform/sdk';
import { stripeMonitor } from './stripe-monitor.ts';

export { stripeMonitor };

export default definePlugin({
  name: 'monitor-stripe',
  version: '0.1.0',
  description: 'Health monitor: Stripe API (balance)',
  kernel: '^0.1.0',
  dependsOn: ['health'],
  settings: monitorSettings(stripeMonitor),
  boot: (ctx) => ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, stripeMonitor)),
});
