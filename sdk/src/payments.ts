import type { Static, TObject } from '@sinclair/typebox';
import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';
import { CallbackSignatureError, ProviderError, resolveProviderConfig, runWithProviderContext, type ProviderCallbackRequest, type ProviderContext } from './messaging.ts';
import { isCurrencyCode } from './money.ts';
import { defineProviderPlugin, type ProviderPlugin, type ProviderPluginMeta } from './provider-plugin.ts';

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
  /** The billing contact's email: providers that charge by email (Paystack) use it, else they look the customer up. */
  customerEmail?: string | null;
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

/** A payment method saved at the provider, as a tenant admin sees it (never a card number). */
export interface SavedPaymentMethod {
  paymentMethodRef: string;
  /** `card`, `sepa_debit`, `us_bank_account`... */
  kind: string;
  brand?: string | null;
  last4?: string | null;
  expMonth?: number | null;
  expYear?: number | null;
  /** The customer's default at the provider (what off-session charges use). */
  isDefault: boolean;
}

/**
 * How a new payment method is saved: the provider's own client (Stripe.js with `clientSecret`, or a hosted page at
 * `url`) collects the card, so card data never reaches the platform; the method it yields is then attached.
 */
export interface PaymentMethodSetup {
  setupRef: string;
  clientSecret?: string;
  url?: string;
}

export interface PaymentMethodTarget {
  customerRef: string;
  paymentMethodRef: string;
}

/**
 * Optional: a provider that can manage a customer's saved payment methods (Stripe: SetupIntents and PaymentMethods).
 * `detach` and `setDefault` are only called for a method `list` returned for that customer.
 */
export interface PaymentMethodManagement<C = Record<string, unknown>> {
  createSetup(ctx: PaymentProviderContext<C>, customer: { customerRef: string }): Promise<PaymentMethodSetup>;
  list(ctx: PaymentProviderContext<C>, customer: { customerRef: string }): Promise<SavedPaymentMethod[]>;
  attach(ctx: PaymentProviderContext<C>, target: PaymentMethodTarget): Promise<SavedPaymentMethod>;
  setDefault(ctx: PaymentProviderContext<C>, target: PaymentMethodTarget): Promise<void>;
  detach(ctx: PaymentProviderContext<C>, target: PaymentMethodTarget): Promise<void>;
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
  /** Saved payment methods (attach, list, default, remove); absent: tenants cannot manage them through billing. */
  paymentMethods?: PaymentMethodManagement<Static<S>>;
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
  const unknown = definition.currencies?.find((c) => !isCurrencyCode(c));
  if (unknown !== undefined) throw new Error(`payment provider "${definition.id}": currency "${unknown}" is not an ISO-4217 code (upper case)`);
  return definition;
}

// ---------------------------------------------------------------------------------------------
// A provider as a whole plugin
// ---------------------------------------------------------------------------------------------

/** Version, kernel range, description...; `name` defaults to `payment-<id>` and `dependsOn` gets `billing` added. */
export type PaymentProviderPluginMeta = ProviderPluginMeta;

export type PaymentProviderPlugin<S extends TObject = TObject> = ProviderPlugin<PaymentProviderDefinition<S>>;

/**
 * One payment provider as a whole plugin: `export default definePaymentProviderPlugin(stripe, { version: '1.0.0', kernel: '^0.1.0' })`.
 * It depends on `billing` and contributes the provider to {@link PAYMENT_PROVIDERS} in boot.
 */
export function definePaymentProviderPlugin<S extends TObject>(provider: PaymentProviderDefinition<S>, meta: PaymentProviderPluginMeta): PaymentProviderPlugin<S> {
  return defineProviderPlugin({ owner: 'billing', point: PAYMENT_PROVIDERS, prefix: 'payment', label: 'Payment provider' }, provider, meta);
}

/** Applies defaults and validates a configuration's values; `problem` (and `field`) name the first bad field. */
export function resolvePaymentProviderConfig<S extends TObject>(provider: { configSchema: S }, values: Record<string, unknown>) {
  return resolveProviderConfig(provider, values);
}

// ---------------------------------------------------------------------------------------------
// Calling a provider once (the billing plugin uses this; so do a provider's own tests)
// ---------------------------------------------------------------------------------------------

/** What billing asks a provider to do in one call. */
export type PaymentOperation =
  | { type: 'createCustomer'; customer: PaymentCustomer }
  | { type: 'charge'; charge: PaymentCharge }
  | { type: 'refund'; refund: PaymentRefund }
  | { type: 'testConnection' }
  | { type: 'setupPaymentMethod'; customerRef: string }
  | { type: 'listPaymentMethods'; customerRef: string }
  | { type: 'attachPaymentMethod'; target: PaymentMethodTarget }
  | { type: 'setDefaultPaymentMethod'; target: PaymentMethodTarget }
  | { type: 'detachPaymentMethod'; target: PaymentMethodTarget };

/** What each operation returns when it succeeds. */
export interface PaymentOperationResults {
  createCustomer: { customerRef: string };
  charge: PaymentChargeResult;
  refund: PaymentRefundResult;
  testConnection: { detail?: string };
  setupPaymentMethod: PaymentMethodSetup;
  listPaymentMethods: SavedPaymentMethod[];
  attachPaymentMethod: SavedPaymentMethod;
  setDefaultPaymentMethod: void;
  detachPaymentMethod: void;
}

const METHOD_OPERATIONS = new Set<PaymentOperation['type']>(['setupPaymentMethod', 'listPaymentMethods', 'attachPaymentMethod', 'setDefaultPaymentMethod', 'detachPaymentMethod']);

/** The outcome of one call: the provider's answer, or why it failed as a {@link ProviderError}. */
export type PaymentAttempt<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export interface PaymentAttemptOptions {
  /**
   * Stable per operation (the payment record's id for a charge, the credit note's for a refund, the billing
   * account's for a customer): providers send it as their idempotency key, so a retry after a crash between the
   * provider's answer and billing's write does not charge twice.
   */
  idempotencyKey: string;
  /** Public URL where this configuration's webhooks arrive (`ctx.callbackUrl`). */
  webhookUrl: string;
  /** Overrides the provider's timeout. */
  timeoutMs?: number;
}

const PAYMENT_STATUSES = new Set<string>(['succeeded', 'processing', 'requires_action', 'failed']);
const REFUND_STATUSES = new Set<string>(['succeeded', 'pending', 'failed']);

/** Why billing's request cannot be sent to this provider (checked before any call), or null. */
function refusalOf(provider: PaymentProviderDefinition<any>, op: PaymentOperation): string | null {
  if (METHOD_OPERATIONS.has(op.type)) {
    if (!provider.paymentMethods) return `${provider.name} cannot manage saved payment methods`;
    const target = 'target' in op ? op.target : { customerRef: (op as { customerRef: string }).customerRef, paymentMethodRef: 'x' };
    if (!target.customerRef) return `${op.type}: customerRef is empty (create the customer first)`;
    return target.paymentMethodRef ? null : `${op.type}: paymentMethodRef is empty`;
  }
  if (op.type !== 'charge' && op.type !== 'refund') return null;
  const { amountMinor, currency } = op.type === 'charge' ? op.charge : op.refund;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return `${op.type}: amountMinor must be a positive integer of minor units, got ${String(amountMinor)}`;
  if (!isCurrencyCode(currency)) return `${op.type}: currency "${String(currency)}" is not an ISO-4217 code`;
  if (provider.currencies && !provider.currencies.includes(currency)) return `${op.type}: ${provider.name} does not take ${currency}`;
  if (op.type === 'charge' && !op.charge.customerRef) return 'charge: customerRef is empty (create the customer first)';
  if (op.type === 'refund' && !op.refund.paymentRef) return 'refund: paymentRef is empty';
  return null;
}

/** Why a provider's answer is not one billing can record, or null. */
function malformedAnswer(op: PaymentOperation, value: unknown): string | null {
  const v = (value ?? {}) as Record<string, unknown>;
  const nonEmpty = (x: unknown) => typeof x === 'string' && x.length > 0;
  switch (op.type) {
    case 'createCustomer':
      return nonEmpty(v.customerRef) ? null : 'createCustomer returned no customerRef';
    case 'charge':
      if (!nonEmpty(v.paymentRef)) return 'charge returned no paymentRef';
      return PAYMENT_STATUSES.has(v.status as string) ? null : `charge returned an unknown status "${String(v.status)}"`;
    case 'refund':
      if (!nonEmpty(v.refundRef)) return 'refund returned no refundRef';
      return REFUND_STATUSES.has(v.status as string) ? null : `refund returned an unknown status "${String(v.status)}"`;
    case 'setupPaymentMethod':
      return nonEmpty(v.setupRef) ? null : 'createSetup returned no setupRef';
    case 'listPaymentMethods':
      return Array.isArray(value) && value.every(isSavedMethod) ? null : 'paymentMethods.list returned something other than saved payment methods';
    case 'attachPaymentMethod':
      return isSavedMethod(value) ? null : 'paymentMethods.attach returned no saved payment method';
    default:
      return null;
  }
}

function isSavedMethod(value: unknown): value is SavedPaymentMethod {
  const m = value as SavedPaymentMethod | null;
  return !!m && typeof m.paymentMethodRef === 'string' && m.paymentMethodRef.length > 0 && typeof m.kind === 'string' && typeof m.isDefault === 'boolean';
}

/**
 * One call to a payment provider with one configuration: checks billing's request (a positive integer amount, an
 * ISO-4217 currency the provider takes: `rejected` without calling it), validates the configuration (a bad one is
 * `auth`), runs the operation under the timeout with a bound `fetch` (not waiting for code that ignores its signal),
 * turns any throw into a {@link ProviderError} (`timeout`, network errors `unavailable`), checks the answer's shape
 * (`unavailable` when malformed) and removes the configuration's secrets from error messages. Never throws.
 *
 * `auth`, `unavailable` and `timeout` may be retried later (dunning); `rejected` is a refusal (a declined card).
 */
export async function attemptPaymentCall<O extends PaymentOperation>(
  provider: PaymentProviderDefinition<any>,
  settings: Record<string, unknown>,
  requested: O,
  options: PaymentAttemptOptions,
): Promise<PaymentAttempt<PaymentOperationResults[O['type']]>> {
  const op: PaymentOperation = requested;
  const refusal = refusalOf(provider, op);
  if (refusal) return { ok: false, error: new ProviderError('rejected', refusal) };
  const testConnection = provider.testConnection;
  if (op.type === 'testConnection' && !testConnection) return { ok: false, error: new ProviderError('rejected', 'This provider cannot test its connection') };
  const outcome = await runWithProviderContext(provider, settings, { idempotencyKey: options.idempotencyKey, callbackUrl: options.webhookUrl, timeoutMs: options.timeoutMs }, (ctx): Promise<unknown> => {
    switch (op.type) {
      case 'createCustomer':
        return provider.createCustomer(ctx, op.customer);
      case 'charge':
        return provider.charge(ctx, op.charge);
      case 'refund':
        return provider.refund(ctx, op.refund);
      case 'setupPaymentMethod':
        return provider.paymentMethods!.createSetup(ctx, { customerRef: op.customerRef });
      case 'listPaymentMethods':
        return provider.paymentMethods!.list(ctx, { customerRef: op.customerRef });
      case 'attachPaymentMethod':
        return provider.paymentMethods!.attach(ctx, op.target);
      case 'setDefaultPaymentMethod':
        return provider.paymentMethods!.setDefault(ctx, op.target);
      case 'detachPaymentMethod':
        return provider.paymentMethods!.detach(ctx, op.target);
      default:
        return testConnection!(ctx);
    }
  });
  if (!outcome.ok) return outcome;
  const malformed = malformedAnswer(op, outcome.value);
  if (malformed) return { ok: false, error: new ProviderError('unavailable', `${provider.name}: ${malformed}`) };
  return { ok: true, value: outcome.value as PaymentOperationResults[O['type']] };
}

/**
 * A webhook's outcome: its events, or why it is refused — 401 for a missing or wrong signature (the provider's
 * `CallbackSignatureError`), 400 for anything else the parser refuses (unparsable body, bad configuration).
 */
export type PaymentWebhookParse = { ok: true; events: PaymentWebhookEvent[] } | { ok: false; status: 400 | 401; message: string };

/** Resolves the configuration and runs the provider's `parseWebhook`, never throwing (see {@link PaymentWebhookParse}). */
export async function parsePaymentWebhook(
  provider: PaymentProviderDefinition<any>,
  settings: Record<string, unknown>,
  request: ProviderCallbackRequest,
  webhookUrl: string,
): Promise<PaymentWebhookParse> {
  const resolved = resolvePaymentProviderConfig(provider, settings);
  if (!resolved.ok) return { ok: false, status: 400, message: `the configuration is incomplete: ${resolved.problem}` };
  try {
    const events = await provider.parseWebhook(request, { config: resolved.config, webhookUrl });
    if (!Array.isArray(events) || events.some((e) => !e || typeof e.eventId !== 'string' || e.eventId === '' || typeof e.type !== 'string')) {
      return { ok: false, status: 400, message: `${provider.name} returned malformed webhook events` };
    }
    return { ok: true, events };
  } catch (err) {
    if (err instanceof CallbackSignatureError) return { ok: false, status: 401, message: err.message };
    return { ok: false, status: 400, message: `the webhook could not be read: ${(err as Error)?.message ?? String(err)}`.slice(0, 300) };
  }
}
