import type { Static, TObject } from '@sinclair/typebox';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import type { ProviderCallbackRequest, ProviderContext } from './messaging.ts';

/**
 * Payment providers: the contract between the `billing` plugin (billing accounts, invoices, payment records,
 * dunning, the webhook endpoint and its idempotency) and the plugins that know how to take money through one
 * provider (Stripe, Paystack...).
 *
 * ```ts
 * const acme = definePaymentProvider({
 *   id: 'acme-pay', name: 'Acme Pay',
 *   configSchema: Type.Object({ baseUrl: Type.String({ default: 'https://api.acme.test' }), secretKey: Secret(Type.String()), webhookSecret: Secret(Type.String()) }),
 *   async createCustomer(ctx, customer) { ... return { customerRef: body.id }; },
 *   async charge(ctx, charge) { ... return { paymentRef: body.id, status: 'succeeded' }; },
 *   async refund(ctx, refund) { ... return { refundRef: body.id, status: 'succeeded' }; },
 *   parseWebhook(request, ctx) { ...verify the signature or throw new CallbackSignatureError()...; return events; },
 * });
 * export default definePaymentProviderPlugin(acme, { version: '1.0.0', kernel: '^0.1.0' });
 * ```
 *
 * Failures are thrown as the messaging contract's `ProviderError` (`auth`, `unavailable`, `timeout`: the charge may be
 * retried later by dunning; `rejected`: the card or account refused it, a failed payment). Amounts are integer minor
 * units of an ISO-4217 currency. Configurations (which provider, which account, sealed secrets) are kept by billing.
 */

export interface PaymentCustomer {
  tenantId: string;
  name: string;
  email: string | null;
  /** ISO-3166 alpha-2 */
  country?: string | null;
  taxId?: string | null;
}

export interface PaymentCharge {
  /** The provider's customer created by `createCustomer`. */
  customerRef: string;
  amountMinor: number;
  /** ISO-4217, upper case. */
  currency: string;
  description: string;
  /** The invoice (or other record) this pays; providers echo it in webhooks as metadata. */
  reference: string;
  /** A saved payment method at the provider, when the customer has one. */
  paymentMethodRef?: string | null;
}

/**
 * - `succeeded`: money taken;
 * - `processing`: accepted, the outcome arrives by webhook;
 * - `requires_action`: the customer must act (3-D Secure, redirect to `actionUrl`);
 * - `failed`: refused (see `failureReason`).
 */
export type PaymentStatus = 'succeeded' | 'processing' | 'requires_action' | 'failed';

export interface PaymentChargeResult {
  paymentRef: string;
  status: PaymentStatus;
  failureReason?: string;
  /** Where the customer completes the payment, for `requires_action`. */
  actionUrl?: string;
}

export interface PaymentRefund {
  paymentRef: string;
  amountMinor: number;
  currency: string;
  reason: string;
  /** The credit note this refund belongs to. */
  reference: string;
}

export interface PaymentRefundResult {
  refundRef: string;
  status: 'succeeded' | 'pending' | 'failed';
}

/** One thing a provider's webhook reports, normalised. `eventId` is the provider's id of the event (idempotency). */
export type PaymentWebhookEvent =
  | { eventId: string; type: 'payment.succeeded' | 'payment.failed' | 'payment.processing'; paymentRef: string; reference?: string; amountMinor?: number; currency?: string; failureReason?: string; at?: string }
  | { eventId: string; type: 'refund.succeeded' | 'refund.failed'; refundRef: string; paymentRef?: string; reference?: string; amountMinor?: number; currency?: string; at?: string }
  | { eventId: string; type: 'ignored'; providerType: string };

/** Per call: the configuration's values (secrets decrypted), an abort signal and a bound fetch. */
export type PaymentProviderContext<C = Record<string, unknown>> = ProviderContext<C>;

export interface PaymentWebhookContext<C = Record<string, unknown>> {
  config: C;
  /** Public URL where this configuration's webhooks arrive. */
  webhookUrl: string;
}

export interface PaymentProviderDefinition<S extends TObject = TObject> {
  /** kebab-case, unique among payment providers. */
  id: string;
  name: string;
  description?: string;
  /** Mark credentials with `Secret()`; include `baseUrl` with the provider's public default. */
  configSchema: S;
  /** ISO-4217 currencies the provider accepts; absent: any. */
  currencies?: string[];
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  createCustomer(ctx: PaymentProviderContext<Static<S>>, customer: PaymentCustomer): Promise<{ customerRef: string }>;
  charge(ctx: PaymentProviderContext<Static<S>>, charge: PaymentCharge): Promise<PaymentChargeResult>;
  refund(ctx: PaymentProviderContext<Static<S>>, refund: PaymentRefund): Promise<PaymentRefundResult>;
  /** Verifies the signature (throw `CallbackSignatureError`: billing answers 401) and returns what the webhook reports. */
  parseWebhook(request: ProviderCallbackRequest, ctx: PaymentWebhookContext<Static<S>>): PaymentWebhookEvent[] | Promise<PaymentWebhookEvent[]>;
  /** The console's "test connection": a cheap authenticated call. Throw a `ProviderError` when it fails. */
  testConnection?(ctx: PaymentProviderContext<Static<S>>): Promise<{ detail?: string }>;
}

export interface PaymentProviderRegistration {
  plugin: string;
  provider: PaymentProviderDefinition<any>;
}

/** Where payment provider plugins register; the billing plugin reads it. */
export const PAYMENT_PROVIDERS: ExtensionPoint<PaymentProviderRegistration> = defineExtensionPoint<PaymentProviderRegistration>('billing.payment-providers');

const PROVIDER_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function definePaymentProvider<S extends TObject>(definition: PaymentProviderDefinition<S>): PaymentProviderDefinition<S> {
  if (!PROVIDER_ID.test(definition.id)) throw new Error(`payment provider id "${definition.id}" must be kebab-case`);
  return definition;
}
