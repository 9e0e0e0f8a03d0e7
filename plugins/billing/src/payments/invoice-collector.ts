import { ProblemError } from '@platform/sdk';
import { attemptPaymentCall } from '@platform/sdk/payments';
import type { AccountStore } from '../accounts/account-store.ts';
import type { BillingDeps } from '../billing-deps.ts';
import type { Dunning } from '../dunning/dunning.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import type { Auditor } from '../invoices/invoice-transitions.ts';
import type { InvoiceSettlement } from './invoice-settlement.ts';
import type { PaymentConfigs, PaymentConfigRecord } from './payment-configs.ts';
import type { PaymentRecords, PaymentView } from './payment-records.ts';
import type { ProviderCustomers } from './provider-customers.ts';

export interface CollectorDeps {
  deps: () => BillingDeps;
  invoices: InvoiceStore;
  accounts: AccountStore;
  configs: PaymentConfigs;
  payments: PaymentRecords;
  settlement: InvoiceSettlement;
  dunning: Dunning;
  customers: ProviderCustomers;
}

/**
 * Charges what an open invoice asks for through the default payment provider configuration:
 * 1. a payment row (`processing`) is committed first: its id is the provider's idempotency key, so a retry after a
 *    crash between the provider's answer and our write does not charge twice; a second collection while one is
 *    processing is refused (409);
 * 2. the tenant's customer at that provider is created once (idempotent per tenant and configuration);
 * 3. the charge's outcome is applied in one transaction: succeeded → the invoice is paid; failed or provider error →
 *    dunning counts a failure; processing / requires_action → the webhook completes it.
 */
export class InvoiceCollector {
  constructor(private readonly c: CollectorDeps) {}

  async collect(invoiceId: string, tenantIds: readonly string[] | null, audit: Auditor): Promise<PaymentView> {
    const d = this.c.deps();
    const { payment, config, invoice } = await d.db.system().transactional(async (em) => {
      const invoice = await this.c.invoices.get(invoiceId, tenantIds, em, true);
      if (!invoice) throw new ProblemError(404, 'not_found', 'invoice not found');
      if ((invoice.state !== 'open' && invoice.state !== 'uncollectible') || invoice.amountDueMinor <= 0)
        throw new ProblemError(409, 'nothing_due', `Invoice ${invoice.number ?? invoice.id} is ${invoice.state} with nothing due`, { field: 'state' });
      const config = await this.c.configs.defaultConfig(em);
      if (!config) throw new ProblemError(409, 'no_payment_provider', 'No payment provider is configured');
      const [busy] = await d.db.sql("SELECT 1 FROM billing_payments WHERE invoice_id = $1 AND status IN ('processing', 'requires_action')", [invoiceId], em);
      if (busy) throw new ProblemError(409, 'payment_in_progress', 'A payment of this invoice is already in progress');
      const payment = await this.c.payments.insert(em, { tenantId: invoice.tenantId, invoiceId, configId: config.id, method: 'provider', amountMinor: invoice.amountDueMinor, currency: invoice.currency, status: 'processing' });
      return { payment, config, invoice };
    });
    const outcome = await this.charge(config, invoice.tenantId, { amountMinor: payment.amountMinor, currency: payment.currency, number: invoice.number ?? invoice.id, invoiceId }, payment.id);
    return d.db.system().transactional(async (em) => {
      const locked = (await this.c.invoices.get(invoiceId, null, em, true))!;
      if (!outcome.ok) {
        const failed = await this.c.payments.update(em, payment.id, { status: 'failed', failureReason: outcome.reason });
        await this.c.dunning.recordFailure(em, locked, outcome.reason, audit);
        return failed;
      }
      const r = outcome.result;
      const updated = await this.c.payments.update(em, payment.id, { status: r.status, providerRef: r.paymentRef, failureReason: r.failureReason ?? null, actionUrl: r.actionUrl ?? null });
      if (r.status === 'succeeded') await this.c.settlement.applyPayment(em, locked, updated, audit);
      if (r.status === 'failed') await this.c.dunning.recordFailure(em, locked, r.failureReason ?? 'declined', audit);
      return updated;
    });
  }

  private async charge(config: PaymentConfigRecord, tenantId: string, what: { amountMinor: number; currency: string; number: string; invoiceId: string }, paymentId: string) {
    const provider = this.c.configs.provider(config.providerId);
    const settings = this.c.configs.open(config);
    const webhookUrl = this.c.configs.webhookUrl(config.id);
    const account = await this.c.accounts.get(tenantId);
    const ensured = await this.c.customers.ensure(config, tenantId);
    if (!ensured.ok) return { ok: false as const, reason: ensured.reason };
    const customer = ensured.customer;
    const charged = await attemptPaymentCall(
      provider,
      settings,
      { type: 'charge', charge: { customerRef: customer.customerRef, amountMinor: what.amountMinor, currency: what.currency, description: `Invoice ${what.number}`, reference: what.invoiceId, paymentMethodRef: customer.paymentMethodRef, customerEmail: account?.contactEmail ?? null } },
      { idempotencyKey: paymentId, webhookUrl },
    );
    if (!charged.ok) return { ok: false as const, reason: `${charged.error.kind}: ${charged.error.message}` };
    return { ok: true as const, result: charged.value };
  }
}
