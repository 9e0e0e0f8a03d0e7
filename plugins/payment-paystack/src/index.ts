import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'payment-paystack',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Payment provider: Paystack (charge authorization, signed webhooks)',
});
