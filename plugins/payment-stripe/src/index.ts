import { definePaymentProviderPlugin } from '@platform/sdk/payments';
import { stripePaymentProvider } from './stripe-payment-provider.ts';

export { stripePaymentProvider, stripeConfig, type StripeConfig } from './stripe-payment-provider.ts';
export { checkStripeSignature, stripeSignature, stripeSignatureHeader, STRIPE_SIGNATURE_TOLERANCE_SECONDS } from './stripe-signature.ts';
export { paymentEventsOfStripe } from './stripe-webhook.ts';

export default definePaymentProviderPlugin(stripePaymentProvider, {
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Payment provider: Stripe (PaymentIntents, Stripe-Signature webhooks)',
});
