import { randomUUID } from 'node:crypto';
import { ProviderError } from '@platform/sdk/messaging';
import type { PaymentMethodManagement, SavedPaymentMethod } from '@platform/sdk/payments';
import type { StripeCustomer } from './stripe-objects.ts';
import type { StripeConfig } from './stripe-payment-provider.ts';
import { stripeJson, stripeObject, stripeRequest, type StripeContext } from './stripe-request.ts';
import { readStripeError, stripeProviderError } from './stripe-errors.ts';

/** Stripe's PaymentMethod (the fields used here): https://docs.stripe.com/api/payment_methods/object */
interface StripePaymentMethod {
  id: string;
  object: 'payment_method';
  type: string;
  customer?: string | null;
  card?: { brand?: string; last4?: string; exp_month?: number; exp_year?: number } | null;
}

/** The customer's default payment method at Stripe (`invoice_settings.default_payment_method`, else `default_source`). */
export async function stripeDefaultPaymentMethod(ctx: StripeContext, customerRef: string): Promise<string | null> {
  const response = await stripeRequest(ctx, 'GET', `/v1/customers/${encodeURIComponent(customerRef)}`);
  const customer = await stripeObject<StripeCustomer>(response, 'customer');
  const method = customer.invoice_settings?.default_payment_method;
  const id = typeof method === 'string' ? method : method?.id;
  return id || customer.default_source || null;
}

function savedOf(method: StripePaymentMethod, defaultRef: string | null): SavedPaymentMethod {
  return {
    paymentMethodRef: method.id,
    kind: method.type,
    brand: method.card?.brand ?? null,
    last4: method.card?.last4 ?? null,
    expMonth: method.card?.exp_month ?? null,
    expYear: method.card?.exp_year ?? null,
    isDefault: method.id === defaultRef,
  };
}

/**
 * Each management call is its own operation at Stripe, so each POST gets a fresh Idempotency-Key (a second
 * attach of the same card after a detach must not replay the first answer).
 */
const fresh = (ctx: StripeContext): StripeContext => ({ ...ctx, idempotencyKey: `pm-${randomUUID()}` });

/**
 * Saved payment methods at Stripe: a SetupIntent (`usage=off_session`) whose client secret Stripe.js confirms in the
 * browser, `GET /v1/payment_methods?customer=` (cards), `POST /v1/payment_methods/:id/attach|detach`, and the
 * default as the customer's `invoice_settings[default_payment_method]` (what off-session PaymentIntents charge).
 */
export const stripePaymentMethods: PaymentMethodManagement<StripeConfig> = {
  async createSetup(ctx, { customerRef }) {
    const response = await stripeRequest(fresh(ctx), 'POST', '/v1/setup_intents', { customer: customerRef, usage: 'off_session' });
    const intent = await stripeObject<{ id: string; client_secret?: string }>(response, 'SetupIntent');
    return { setupRef: intent.id, ...(intent.client_secret ? { clientSecret: intent.client_secret } : {}) };
  },

  async list(ctx, { customerRef }) {
    const defaultRef = await stripeDefaultPaymentMethod(ctx, customerRef);
    const response = await stripeRequest(ctx, 'GET', `/v1/payment_methods?customer=${encodeURIComponent(customerRef)}&type=card&limit=100`);
    if (!response.ok) throw stripeProviderError(response, await readStripeError(response));
    const page = await stripeJson<{ object?: string; data?: StripePaymentMethod[] }>(response);
    if (page.object !== 'list' || !Array.isArray(page.data)) throw new ProviderError('unavailable', `HTTP ${response.status}: Stripe answered something other than a list of payment methods`, response.status);
    return page.data.map((m) => savedOf(m, defaultRef));
  },

  async attach(ctx, { customerRef, paymentMethodRef }) {
    const response = await stripeRequest(fresh(ctx), 'POST', `/v1/payment_methods/${encodeURIComponent(paymentMethodRef)}/attach`, { customer: customerRef });
    const method = await stripeObject<StripePaymentMethod>(response, 'PaymentMethod');
    return savedOf(method, await stripeDefaultPaymentMethod(ctx, customerRef));
  },

  async setDefault(ctx, { customerRef, paymentMethodRef }) {
    const response = await stripeRequest(fresh(ctx), 'POST', `/v1/customers/${encodeURIComponent(customerRef)}`, { invoice_settings: { default_payment_method: paymentMethodRef } });
    await stripeObject<StripeCustomer>(response, 'customer');
  },

  async detach(ctx, { paymentMethodRef }) {
    const response = await stripeRequest(fresh(ctx), 'POST', `/v1/payment_methods/${encodeURIComponent(paymentMethodRef)}/detach`);
    await stripeObject<StripePaymentMethod>(response, 'PaymentMethod');
  },
};
