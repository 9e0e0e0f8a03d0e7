import { ProviderError } from '@platform/sdk/messaging';
import type { PaymentMethodManagement, SavedPaymentMethod } from '@platform/sdk/payments';
import type { PaystackConfig } from './paystack-payment-provider.ts';
import { paystackProviderError, readPaystackEnvelope } from './paystack-errors.ts';
import { paystackData, paystackRequest, type PaystackContext, type PaystackCustomer } from './paystack-request.ts';

/** What a card authorization costs to save: Paystack's smallest NGN card charge (₦50.00), refundable by the merchant. */
export const AUTHORIZATION_AMOUNT_MINOR = 5000;

async function customerOf(ctx: PaystackContext, customerRef: string): Promise<PaystackCustomer> {
  return paystackData<PaystackCustomer>(await paystackRequest(ctx, 'GET', `/customer/${encodeURIComponent(customerRef)}`), 'the customer');
}

function savedOf(a: NonNullable<PaystackCustomer['authorizations']>[number]): SavedPaymentMethod {
  const month = Number(a.exp_month);
  const year = Number(a.exp_year);
  return {
    paymentMethodRef: a.authorization_code!,
    kind: a.channel ?? 'card',
    brand: a.brand?.trim() || a.card_type?.trim() || null,
    last4: a.last4 ?? null,
    expMonth: Number.isInteger(month) && month > 0 ? month : null,
    expYear: Number.isInteger(year) && year > 0 ? year : null,
    // Paystack has no default authorization: billing keeps the one it charges.
    isDefault: false,
  };
}

/** The customer's reusable authorizations (the ones `charge_authorization` accepts). */
async function reusable(ctx: PaystackContext, customerRef: string): Promise<SavedPaymentMethod[]> {
  return ((await customerOf(ctx, customerRef)).authorizations ?? []).filter((a) => a.reusable && a.authorization_code).map(savedOf);
}

/**
 * Saved cards at Paystack, which keeps them as card authorizations of a customer: a setup is a small card transaction
 * (`POST /transaction/initialize`, `channels: ['card']`) whose checkout page (`url`) the tenant admin completes, after
 * which its authorization is reusable; `list` reads the customer's reusable authorizations; `attach` accepts one the
 * customer already has (Paystack has no attach); the default is billing's own choice (Paystack has none); `detach`
 * deactivates the authorization (`POST /customer/deactivate_authorization`).
 */
export const paystackPaymentMethods: PaymentMethodManagement<PaystackConfig> = {
  async createSetup(ctx, { customerRef }) {
    const customer = await customerOf(ctx, customerRef);
    if (!customer.email) throw new ProviderError('rejected', `Paystack customer ${customerRef} has no email`);
    const data = await paystackData<{ authorization_url?: string; reference?: string }>(
      await paystackRequest(ctx, 'POST', '/transaction/initialize', { email: customer.email, amount: AUTHORIZATION_AMOUNT_MINOR, channels: ['card'], metadata: { purpose: 'save_card', customer_code: customerRef } }),
      'the setup transaction',
    );
    if (!data.reference || !data.authorization_url) throw new ProviderError('unavailable', 'Paystack answered the setup without a reference or checkout URL');
    return { setupRef: data.reference, url: data.authorization_url };
  },

  list: (ctx, { customerRef }) => reusable(ctx, customerRef),

  async attach(ctx, { customerRef, paymentMethodRef }) {
    const found = (await reusable(ctx, customerRef)).find((m) => m.paymentMethodRef === paymentMethodRef);
    if (!found) throw new ProviderError('rejected', `Paystack customer ${customerRef} has no reusable authorization ${paymentMethodRef}`, 404, 'authorization_not_found');
    return found;
  },

  async setDefault() {
    // Nothing at Paystack: charges name the authorization billing keeps as the default.
  },

  async detach(ctx, { paymentMethodRef }) {
    // Paystack answers `{ status: true, message: 'Authorization has been deactivated' }`, without `data`.
    const response = await paystackRequest(ctx, 'POST', '/customer/deactivate_authorization', { authorization_code: paymentMethodRef });
    const read = await readPaystackEnvelope<unknown>(response);
    if (!response.ok || read.envelope?.status !== true) throw paystackProviderError(response.status, read);
  },
};
