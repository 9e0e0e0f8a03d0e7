import { CallbackSignatureError, ProviderError } from '@platform/sdk/messaging';
import { definePaymentProvider, type PaymentCharge, type PaymentChargeResult } from '@platform/sdk/payments';
import { BaseUrl } from '@platform/sdk/monitors';
import { Secret, Type, type Static } from '@platform/sdk';
import { paystackProviderError, readPaystackEnvelope } from './paystack-errors.ts';
import { paystackData, paystackRequest, type PaystackContext, type PaystackCustomer } from './paystack-request.ts';
import { paystackPaymentMethods } from './paystack-payment-methods.ts';
import { chargeResultOfTransaction, paystackReference, refundStatusOfPaystack, type PaystackRefund, type PaystackTransaction } from './paystack-objects.ts';
import { isValidPaystackSignature } from './paystack-signature.ts';
import { paymentEventsOfPaystack } from './paystack-webhook.ts';

export const paystackConfig = Type.Object({
  baseUrl: BaseUrl('https://api.paystack.co'),
  secretKey: Secret(Type.String({ pattern: '^sk_(test|live)_\\S+$', description: 'Secret key (sk_live_...): authenticates the API calls and signs the webhooks' })),
});

export type PaystackConfig = Static<typeof paystackConfig>;


/** Currencies Paystack settles card charges in (amounts in their subunit: kobo, pesewas, cents). */
export const PAYSTACK_CURRENCIES = ['NGN', 'GHS', 'ZAR', 'KES', 'USD'];

/**
 * What charging needs: the customer's email and a card authorization. The charge's own when it gives them; else
 * the customer is looked up (`GET /customer/:code`) for its email and its first reusable authorization.
 */
async function chargeTarget(ctx: PaystackContext, charge: PaymentCharge): Promise<{ email: string; authorization: string }> {
  if (charge.customerEmail && charge.paymentMethodRef) return { email: charge.customerEmail, authorization: charge.paymentMethodRef };
  const customer = await paystackData<PaystackCustomer>(await paystackRequest(ctx, 'GET', `/customer/${encodeURIComponent(charge.customerRef)}`), 'the customer');
  const email = charge.customerEmail || customer.email;
  if (!email) throw new ProviderError('rejected', `Paystack customer ${charge.customerRef} has no email to charge`);
  const authorization = charge.paymentMethodRef || customer.authorizations?.find((a) => a.reusable && a.authorization_code)?.authorization_code;
  if (!authorization) throw new ProviderError('rejected', 'The customer has no reusable card authorization at Paystack to charge', undefined, 'no_payment_method');
  return { email, authorization };
}

/**
 * Paystack: customers, recurring charges on a saved card authorization (`POST /transaction/charge_authorization`),
 * refunds, and webhooks signed with `x-paystack-signature`. Paystack takes no idempotency key: the transaction
 * `reference` is derived from billing's key instead, Paystack refuses a reference twice, and a retry that meets
 * "Duplicate Transaction Reference" reads the first attempt's outcome (`GET /transaction/verify/:reference`).
 */
export const paystackPaymentProvider = definePaymentProvider({
  id: 'paystack',
  name: 'Paystack',
  description: 'Paystack charge authorization (saved cards), refunds, HMAC-SHA512 signed webhooks',
  configSchema: paystackConfig,
  currencies: PAYSTACK_CURRENCIES,

  async createCustomer(ctx, customer) {
    if (!customer.email) throw new ProviderError('rejected', 'Paystack needs an email for the customer: set the billing contact');
    const data = await paystackData<{ customer_code?: string }>(
      await paystackRequest(ctx, 'POST', '/customer', {
        email: customer.email,
        first_name: customer.name,
        metadata: { tenant_id: customer.tenantId, ...(customer.country ? { country: customer.country } : {}), ...(customer.taxId ? { tax_id: customer.taxId } : {}) },
      }),
      'the customer',
    );
    if (!data.customer_code) throw new ProviderError('unavailable', 'Paystack answered without a customer_code');
    return { customerRef: data.customer_code };
  },

  async charge(ctx, charge): Promise<PaymentChargeResult> {
    const { email, authorization } = await chargeTarget(ctx, charge);
    const reference = paystackReference(ctx.idempotencyKey);
    const response = await paystackRequest(ctx, 'POST', '/transaction/charge_authorization', {
      authorization_code: authorization,
      email,
      amount: charge.amountMinor,
      currency: charge.currency,
      reference,
      metadata: { reference: charge.reference, description: charge.description },
    });
    if (response.status === 400) {
      const read = await readPaystackEnvelope<PaystackTransaction>(response);
      // A retry of a charge Paystack already took: its outcome, not a second charge.
      if (/duplicate transaction reference/i.test(read.envelope?.message ?? '')) {
        const first = await paystackData<PaystackTransaction>(await paystackRequest(ctx, 'GET', `/transaction/verify/${encodeURIComponent(reference)}`), 'the transaction');
        return chargeResultOfTransaction(first, first.reference ?? reference);
      }
      throw paystackProviderError(response.status, read);
    }
    const transaction = await paystackData<PaystackTransaction>(response, 'the charge');
    return chargeResultOfTransaction(transaction, transaction.reference ?? reference);
  },

  async refund(ctx, refund) {
    const data = await paystackData<PaystackRefund>(
      await paystackRequest(ctx, 'POST', '/refund', { transaction: refund.paymentRef, amount: refund.amountMinor, currency: refund.currency, merchant_note: `${refund.reference}: ${refund.reason}`.slice(0, 500) }),
      'the refund',
    );
    if (data.id === undefined || data.id === null || data.id === '') throw new ProviderError('unavailable', 'Paystack answered without a refund id');
    return { refundRef: String(data.id), status: refundStatusOfPaystack(data.status) };
  },

  async testConnection(ctx) {
    const balances = await paystackData<{ currency?: string }[]>(await paystackRequest(ctx, 'GET', '/balance'), 'the balance');
    const currencies = Array.isArray(balances) ? balances.map((b) => b.currency).filter(Boolean) : [];
    return { detail: `${ctx.config.secretKey.startsWith('sk_live_') ? 'live' : 'test'} key${currencies.length ? `, balances in ${currencies.join(', ')}` : ''}` };
  },

  paymentMethods: paystackPaymentMethods,

  parseWebhook(request, ctx) {
    const signature = request.headers['x-paystack-signature'];
    if (!signature) throw new CallbackSignatureError('The x-paystack-signature header is missing');
    if (!isValidPaystackSignature(ctx.config.secretKey, signature, request.rawBody)) throw new CallbackSignatureError('The x-paystack-signature does not match this body');
    return paymentEventsOfPaystack(JSON.parse(request.rawBody.toString('utf8')));
  },
});

