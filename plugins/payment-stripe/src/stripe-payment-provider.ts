import { CallbackSignatureError, ProviderError } from '@platform/sdk/messaging';
import { definePaymentProvider, type PaymentChargeResult } from '@platform/sdk/payments';
import { BaseUrl } from '@platform/sdk/monitors';
import { Secret, Type, type Static } from '@platform/sdk';
import { readStripeError, stripeProviderError, describeStripeError } from './stripe-errors.ts';
import { stripeJson, stripeObject, stripeRequest, type StripeContext } from './stripe-request.ts';
import { stripeDefaultPaymentMethod, stripePaymentMethods } from './stripe-payment-methods.ts';
import { chargeResultOfIntent, refundStatusOf, type StripePaymentIntent, type StripeRefund } from './stripe-objects.ts';
import { checkStripeSignature } from './stripe-signature.ts';
import { paymentEventsOfStripe } from './stripe-webhook.ts';

export const stripeConfig = Type.Object({
  baseUrl: BaseUrl('https://api.stripe.com'),
  secretKey: Secret(Type.String({ pattern: '^(sk|rk)_(test|live)_\\S+$', description: 'Secret key (sk_live_... or a restricted rk_live_... key)' })),
  webhookSecret: Secret(Type.String({ pattern: '^whsec_\\S+$', description: "The webhook endpoint's signing secret (whsec_...)" })),
  apiVersion: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(\\.\\w+)?$', description: 'Stripe-Version header; the account default when absent' })),
});

export type StripeConfig = Static<typeof stripeConfig>;

/**
 * Stripe: customers, PaymentIntents confirmed off-session with the customer's saved payment method, refunds, and
 * webhooks signed with `Stripe-Signature`. Every POST carries `Idempotency-Key` (billing's key for the
 * operation), so a retry after a crash or a timeout returns Stripe's first answer instead of charging twice.
 */
export const stripePaymentProvider = definePaymentProvider({
  id: 'stripe',
  name: 'Stripe',
  description: 'Stripe PaymentIntents (off-session, saved payment methods), refunds, Stripe-Signature webhooks',
  configSchema: stripeConfig,

  async createCustomer(ctx, customer) {
    const response = await stripeRequest(ctx, 'POST', '/v1/customers', {
      name: customer.name,
      email: customer.email,
      address: customer.country ? { country: customer.country } : undefined,
      metadata: { tenant_id: customer.tenantId, tax_id: customer.taxId },
    });
    const body = await stripeObject<{ id: string }>(response, 'customer');
    return { customerRef: body.id };
  },

  async charge(ctx, charge): Promise<PaymentChargeResult> {
    const paymentMethod = charge.paymentMethodRef || (await stripeDefaultPaymentMethod(ctx, charge.customerRef));
    if (!paymentMethod) throw new ProviderError('rejected', 'The customer has no saved payment method at Stripe to charge off-session', undefined, 'no_payment_method');
    const response = await stripeRequest(ctx, 'POST', '/v1/payment_intents', {
      amount: charge.amountMinor,
      currency: charge.currency.toLowerCase(),
      customer: charge.customerRef,
      payment_method: paymentMethod,
      confirm: true,
      off_session: true,
      description: charge.description,
      metadata: { reference: charge.reference },
    });
    if (response.status === 402) {
      const body = await readStripeError(response);
      // Off-session, a card that wants 3-D Secure fails with `authentication_required`: the customer must act.
      const intent = body.error.payment_intent;
      if (body.error.code === 'authentication_required' && typeof intent?.id === 'string') {
        return { paymentRef: intent.id, status: 'requires_action', failureReason: describeStripeError(body.error) };
      }
      throw stripeProviderError(response, body);
    }
    return chargeResultOfIntent(await stripeObject<StripePaymentIntent>(response, 'PaymentIntent'));
  },

  async refund(ctx, refund) {
    const response = await stripeRequest(ctx, 'POST', '/v1/refunds', {
      payment_intent: refund.paymentRef,
      amount: refund.amountMinor,
      reason: 'requested_by_customer',
      metadata: { reference: refund.reference, reason: refund.reason.slice(0, 500) },
    });
    const body = await stripeObject<StripeRefund>(response, 'refund');
    return { refundRef: body.id, status: refundStatusOf(body.status) };
  },

  async testConnection(ctx) {
    const response = await stripeRequest(ctx, 'GET', '/v1/balance');
    if (!response.ok) throw stripeProviderError(response, await readStripeError(response));
    const balance = await stripeJson<{ object?: string; livemode?: boolean; available?: { currency: string }[] }>(response);
    if (balance.object !== 'balance') throw new ProviderError('unavailable', `HTTP ${response.status}: Stripe answered something other than a balance`, response.status);
    const currencies = [...new Set((balance.available ?? []).map((a) => a.currency.toUpperCase()))].join(', ');
    return { detail: `${balance.livemode ? 'live' : 'test'} mode${currencies ? `, balances in ${currencies}` : ''}` };
  },

  paymentMethods: stripePaymentMethods,

  parseWebhook(request, ctx) {
    const check = checkStripeSignature(ctx.config.webhookSecret, request.headers['stripe-signature'], request.rawBody);
    if (!check.ok) throw new CallbackSignatureError(check.reason);
    return paymentEventsOfStripe(JSON.parse(request.rawBody.toString('utf8')));
  },
});
