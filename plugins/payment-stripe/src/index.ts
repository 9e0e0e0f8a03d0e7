import { definePlugin } from '@platform/sdk';

export default definePlugin({
  name: 'payment-stripe',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Payment provider: Stripe (PaymentIntents, Stripe-Signature webhooks)',
});
