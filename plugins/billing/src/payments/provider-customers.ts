import type { EntityManager } from '@platform/sdk';
import { attemptPaymentCall } from '@platform/sdk/payments';
import type { AccountStore } from '../accounts/account-store.ts';
import type { BillingDeps } from '../billing-deps.ts';
import type { PaymentConfigRecord, PaymentConfigs } from './payment-configs.ts';

export interface ProviderCustomer {
  customerRef: string;
  /** The saved payment method charges name (the tenant's default), when one was chosen through billing. */
  paymentMethodRef: string | null;
}

/**
 * The tenant's customer at a payment provider configuration (`billing_customers`): created at the provider once
 * (its idempotency key is the tenant and configuration, and the row is unique per pair), from the billing account.
 */
export class ProviderCustomers {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly accounts: AccountStore,
    private readonly configs: PaymentConfigs,
  ) {}

  async find(tenantId: string, configId: string, em?: EntityManager): Promise<ProviderCustomer | null> {
    const [row] = await this.d().db.sql<{ customer_ref: string; payment_method_ref: string | null }>('SELECT customer_ref, payment_method_ref FROM billing_customers WHERE tenant_id = $1 AND config_id = $2', [tenantId, configId], em);
    return row ? { customerRef: row.customer_ref, paymentMethodRef: row.payment_method_ref } : null;
  }

  /** The customer, created at the provider first when the tenant has none; `{ error }` when the provider refuses. */
  async ensure(config: PaymentConfigRecord, tenantId: string): Promise<{ ok: true; customer: ProviderCustomer } | { ok: false; reason: string }> {
    const found = await this.find(tenantId, config.id);
    if (found) return { ok: true, customer: found };
    const d = this.d();
    const account = await this.accounts.get(tenantId);
    const tenant = await d.tenants.get(tenantId);
    const created = await attemptPaymentCall(
      this.configs.provider(config.providerId),
      this.configs.open(config),
      { type: 'createCustomer', customer: { tenantId, name: account?.contactName ?? tenant?.name ?? tenantId, email: account?.contactEmail ?? null, country: account?.country ?? null, taxId: account?.taxId ?? null } },
      { idempotencyKey: `customer:${tenantId}:${config.id}`, webhookUrl: this.configs.webhookUrl(config.id) },
    );
    if (!created.ok) return { ok: false, reason: `${created.error.kind}: ${created.error.message}` };
    await d.db.sql(`INSERT INTO billing_customers (id, tenant_id, config_id, customer_ref) VALUES (gen_random_uuid(), $1, $2, $3) ON CONFLICT (tenant_id, config_id) DO NOTHING`, [tenantId, config.id, created.value.customerRef]);
    return { ok: true, customer: (await this.find(tenantId, config.id))! };
  }

  /** Records the method charges name (null: the provider's own default), in the caller's transaction. */
  async setPaymentMethod(em: EntityManager, tenantId: string, configId: string, paymentMethodRef: string | null): Promise<void> {
    await this.d().db.sql('UPDATE billing_customers SET payment_method_ref = $3, updated_at = now() WHERE tenant_id = $1 AND config_id = $2', [tenantId, configId, paymentMethodRef], em);
  }
}
