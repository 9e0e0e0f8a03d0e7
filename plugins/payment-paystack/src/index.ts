import { definePaymentProviderPlugin } from '@platform/sdk/payments';
import { paystackPaymentProvider } from './paystack-payment-provider.ts';

export { paystackPaymentProvider, paystackConfig, PAYSTACK_CURRENCIES, type PaystackConfig } from './paystack-payment-provider.ts';
export { paystackSignature, isValidPaystackSignature } from './paystack-signature.ts';
export { paymentEventsOfPaystack } from './paystack-webhook.ts';
export { paystackReference } from './paystack-objects.ts';

export default definePaymentProviderPlugin(paystackPaymentProvider, {
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Payment provider: Paystack (charge authorization, signed webhooks)',
});
