import { ProblemError, type EntityManager } from '@platform/sdk';
import { attemptPaymentCall, type PaymentOperation, type PaymentOperationResults, type SavedPaymentMethod } from '@platform/sdk/payments';
import type { BillingDeps } from '../billing-deps.ts';
import type { Auditor } from '../invoices/invoice-transitions.ts';
import type { PaymentConfigRecord, PaymentConfigs } from './payment-configs.ts';
import type { ProviderCustomer, ProviderCustomers } from './provider-customers.ts';

interface Bound {
  config: PaymentConfigRecord;
  customer: ProviderCustomer;
}

/**
 * A tenant's saved payment methods at the default payment configuration, through the provider's optional
 * `paymentMethods` contract: start a setup (the provider's client collects the card), attach, list, choose the
 * default (kept on `billing_customers.payment_method_ref`, so collections charge that card) and remove. A method is
 * only made default or removed when the provider lists it for this tenant's customer (404 otherwise), and every
 * change is audited in the same transaction as billing's own write.
 */
export class PaymentMethods {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly configs: PaymentConfigs,
    private readonly customers: ProviderCustomers,
  ) {}

  async setup(tenantId: string, audit: Auditor) {
    const bound = await this.bind(tenantId);
    const setup = await this.call(bound.config, { type: 'setupPaymentMethod', customerRef: bound.customer.customerRef });
    await this.d().db.system().transactional((em) => audit({ action: 'billing.payment_method.setup_started', tenantId, targetType: 'billing.customer', targetId: bound.customer.customerRef, after: { setupRef: setup.setupRef } }, em));
    return { providerId: bound.config.providerId, ...setup };
  }

  /**
   * The tenant's saved methods, and whether the default provider manages them (`supported: false` without a provider
   * or with one that does not: the console then shows no card management; the write routes answer 409).
   */
  async list(tenantId: string): Promise<{ supported: boolean; providerId: string | null; methods: SavedPaymentMethod[] }> {
    const config = await this.configs.defaultConfig();
    if (!config || !this.configs.provider(config.providerId).paymentMethods) return { supported: false, providerId: config?.providerId ?? null, methods: [] };
    const customer = await this.customers.find(tenantId, config.id);
    if (!customer) return { supported: true, providerId: config.providerId, methods: [] };
    const methods = await this.call(config, { type: 'listPaymentMethods', customerRef: customer.customerRef });
    return { supported: true, providerId: config.providerId, methods: methods.map((m) => ({ ...m, isDefault: customer.paymentMethodRef ? m.paymentMethodRef === customer.paymentMethodRef : m.isDefault })) };
  }

  async attach(tenantId: string, paymentMethodRef: string, makeDefault: boolean, audit: Auditor): Promise<SavedPaymentMethod> {
    const bound = await this.bind(tenantId);
    const target = { customerRef: bound.customer.customerRef, paymentMethodRef };
    const attached = await this.call(bound.config, { type: 'attachPaymentMethod', target }, 'paymentMethodRef');
    const first = !bound.customer.paymentMethodRef;
    if (makeDefault || first) await this.call(bound.config, { type: 'setDefaultPaymentMethod', target });
    await this.d().db.system().transactional(async (em) => {
      if (makeDefault || first) await this.customers.setPaymentMethod(em, tenantId, bound.config.id, paymentMethodRef);
      await audit({ action: 'billing.payment_method.attached', tenantId, targetType: 'billing.payment_method', targetId: paymentMethodRef, after: { ...describe(attached), isDefault: makeDefault || first } }, em);
    });
    return { ...attached, isDefault: makeDefault || first };
  }

  async setDefault(tenantId: string, paymentMethodRef: string, audit: Auditor): Promise<SavedPaymentMethod> {
    const { bound, method } = await this.owned(tenantId, paymentMethodRef);
    await this.call(bound.config, { type: 'setDefaultPaymentMethod', target: { customerRef: bound.customer.customerRef, paymentMethodRef } });
    await this.d().db.system().transactional(async (em) => {
      await this.customers.setPaymentMethod(em, tenantId, bound.config.id, paymentMethodRef);
      await audit({ action: 'billing.payment_method.default_set', tenantId, targetType: 'billing.payment_method', targetId: paymentMethodRef, before: { paymentMethodRef: bound.customer.paymentMethodRef }, after: describe(method) }, em);
    });
    return { ...method, isDefault: true };
  }

  async remove(tenantId: string, paymentMethodRef: string, audit: Auditor): Promise<void> {
    const { bound, method } = await this.owned(tenantId, paymentMethodRef);
    await this.call(bound.config, { type: 'detachPaymentMethod', target: { customerRef: bound.customer.customerRef, paymentMethodRef } });
    await this.d().db.system().transactional(async (em: EntityManager) => {
      if (bound.customer.paymentMethodRef === paymentMethodRef) await this.customers.setPaymentMethod(em, tenantId, bound.config.id, null);
      await audit({ action: 'billing.payment_method.removed', tenantId, targetType: 'billing.payment_method', targetId: paymentMethodRef, before: describe(method) }, em);
    });
  }

  /** The method, when the provider lists it for this tenant's customer; 404 otherwise (another tenant's card included). */
  private async owned(tenantId: string, paymentMethodRef: string) {
    const config = await this.defaultConfig();
    this.manageable(config);
    const customer = await this.customers.find(tenantId, config.id);
    const methods = customer ? await this.call(config, { type: 'listPaymentMethods', customerRef: customer.customerRef }) : [];
    const method = methods.find((m) => m.paymentMethodRef === paymentMethodRef);
    if (!customer || !method) throw new ProblemError(404, 'not_found', 'No such saved payment method for this tenant', { field: 'paymentMethodRef' });
    return { bound: { config, customer }, method };
  }

  private async bind(tenantId: string): Promise<Bound> {
    const config = await this.defaultConfig();
    this.manageable(config);
    const ensured = await this.customers.ensure(config, tenantId);
    if (!ensured.ok) throw new ProblemError(502, 'provider_error', `The payment provider refused to create the customer: ${ensured.reason}`);
    return { config, customer: ensured.customer };
  }

  private async defaultConfig(): Promise<PaymentConfigRecord> {
    const config = await this.configs.defaultConfig();
    if (!config) throw new ProblemError(409, 'no_payment_provider', 'No payment provider is configured');
    return config;
  }

  private manageable(config: PaymentConfigRecord): void {
    if (!this.configs.provider(config.providerId).paymentMethods)
      throw new ProblemError(409, 'not_supported', `The payment provider "${config.providerId}" does not manage saved payment methods through the platform`, { field: 'providerId' });
  }

  /** One provider call; a refusal of what the tenant sent is 400 naming `field`, anything else 502. */
  private async call<O extends PaymentOperation>(config: PaymentConfigRecord, op: O, field?: string): Promise<PaymentOperationResults[O['type']]> {
    const result = await attemptPaymentCall(this.configs.provider(config.providerId), this.configs.open(config), op, { idempotencyKey: `${op.type}:${config.id}`, webhookUrl: this.configs.webhookUrl(config.id) });
    if (result.ok) return result.value;
    if (result.error.kind === 'rejected' && field) throw new ProblemError(400, 'validation_failed', `The payment provider refused it: ${result.error.message}`, { field });
    throw new ProblemError(502, 'provider_error', `The payment provider failed (${result.error.kind}): ${result.error.message}`);
  }
}

function describe(m: SavedPaymentMethod) {
  return { paymentMethodRef: m.paymentMethodRef, kind: m.kind, brand: m.brand ?? null, last4: m.last4 ?? null };
}
