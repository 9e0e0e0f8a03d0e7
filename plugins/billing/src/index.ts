import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { BILLING_CHARGES } from '@platform/sdk/billing';
import { billingPermissions } from './billing-permissions.ts';
import { BILLING_DATA } from './billing-data.ts';
import { planSourceResolver, type BillingDeps } from './billing-deps.ts';
import { AccountStore } from './accounts/account-store.ts';
import { addAccountRoutes } from './accounts/account-routes.ts';
import { TaxRates } from './tax/tax-rates.ts';
import { addTaxRateRoutes } from './tax/tax-rate-routes.ts';
import { MeterPrices } from './meters/meter-prices.ts';
import { addMeterPriceRoutes } from './meters/meter-price-routes.ts';
import { PendingCharges } from './charges/pending-charges.ts';
import { BillingChargesService } from './charges/billing-charges-service.ts';
import { addChargeRoutes } from './charges/charge-routes.ts';
import { InvoiceStore } from './invoices/invoice-store.ts';
import { InvoiceNumbers } from './invoices/invoice-numbers.ts';
import { InvoiceTransitions } from './invoices/invoice-transitions.ts';
import { addInvoiceRoutes } from './invoices/invoice-routes.ts';
import { BillingCycle } from './cycle/billing-cycle.ts';
import { defineCycleJob } from './cycle/cycle-job.ts';
import { PaymentProviderCatalog } from './payments/payment-provider-catalog.ts';
import { PaymentConfigs } from './payments/payment-configs.ts';
import { PaymentRecords } from './payments/payment-records.ts';
import { InvoiceSettlement } from './payments/invoice-settlement.ts';
import { InvoiceCollector } from './payments/invoice-collector.ts';
import { WebhookEvents } from './payments/webhook-events.ts';
import { addPaymentRoutes } from './payments/payment-routes.ts';
import { ProviderCustomers } from './payments/provider-customers.ts';
import { PaymentMethods } from './payments/payment-methods.ts';
import { addPaymentMethodRoutes } from './payments/payment-method-routes.ts';
import { BillingSettings } from './dunning/dunning-policy.ts';
import { Dunning } from './dunning/dunning.ts';
import { defineDunningJob } from './dunning/dunning-job.ts';
import { subscribeDunningActions } from './dunning/dunning-actions.ts';
import { subscribeBillingEmails } from './emails/billing-emails.ts';
import { BillingRecipients } from './emails/billing-recipients.ts';
import { BILLING_TEMPLATES } from './emails/billing-templates.ts';
import { MESSAGE_TEMPLATE_DEFAULTS } from '@platform/sdk/messaging';
import { CreditNotes } from './credit-notes/credit-notes.ts';
import { addCreditNoteRoutes } from './credit-notes/credit-note-routes.ts';
import { addReportRoutes } from './reports/report-routes.ts';
import { BILLING_NAV } from './billing-nav.ts';
import { PAYMENT_PROVIDERS } from '@platform/sdk/payments';
import { contributeBillingRiskSignal } from './health/billing-risk-signal.ts';
import { contributeFailedPaymentsDigestSection } from './digest/failed-payments-digest-section.ts';

export { BILLING_PERMISSIONS } from './billing-permissions.ts';
export { composeCycleInvoice, planChargeOf, periodQuotaOf, type CycleInvoiceInput, type ComposedInvoice, type PendingCharge } from './invoices/compose-invoice.ts';
export { totalsOf, type InvoiceLineDraft } from './invoices/invoice-totals.ts';
export { periodContaining, type BillingSchedule } from './accounts/billing-schedule.ts';

export interface BillingOptions {
  /** The clock (tests move it). */
  now: () => Date;
  /** Days from an invoice's issue to its due date (default 14). */
  netDays: number;
  /** Tenants invoiced per transaction by the cycle (default 500). */
  cycleBatchSize: number;
  /** The issuer's name printed on invoices. */
  issuerName: string;
}

/**
 * Billing. Accounts per tenant (cycle, anchor day, currency, contact, tax id, country), tax rates by country or
 * tenant, overage prices per meter, pending charges (`BILLING_CHARGES`: addCharge, previewNextInvoice), invoices.
 *
 * Routes under `/api/billing`: `account` (GET tenant, PUT staff), `accounts`, `tax-rates`, `meter-prices`,
 * `charges`, `preview`, `invoices` (+ `/:id`, `/:id/finalize|void|uncollectible`), `cycle/run`. Job `invoice-cycle` (hourly). Reads plans only through `PLAN_BILLING_SOURCE` (`@platform/sdk/entitlements`).
 */
export function createBillingPlugin(given: Partial<BillingOptions> = {}): PluginManifest {
  const now = given.now ?? (() => new Date());
  const netDays = given.netDays ?? 14;
  const service = new BillingChargesService();
  return definePlugin({
    name: 'billing',
    version: '0.1.0',
    kernel: '^0.1.0',
    description: 'Billing: accounts, invoices from plans and usage, payments, credit notes, dunning',
    scope: 'platform',
    permissions: billingPermissions,
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: BILLING_DATA,
    settings: BillingSettings,
    nav: BILLING_NAV,
    register(ctx) {
      ctx.extensions.declare(PAYMENT_PROVIDERS);
      ctx.provide(BILLING_CHARGES, service);
      for (const template of BILLING_TEMPLATES) ctx.extensions.contribute(MESSAGE_TEMPLATE_DEFAULTS, template);
    },
    boot(ctx) {
      contributeFailedPaymentsDigestSection(ctx);
      const planSource = planSourceResolver(ctx.resolve.bind(ctx));
      const bound: BillingDeps = { db: ctx.db, audit: ctx.audit, logger: ctx.logger, tenants: ctx.tenants, extensions: ctx.extensions, now, planSource };
      const deps = () => bound;
      const accounts = new AccountStore(deps);
      const taxRates = new TaxRates(deps);
      const meterPrices = new MeterPrices(deps);
      const charges = new PendingCharges(deps);
      service.bind({ deps, accounts, charges, taxRates, meterPrices });
      addAccountRoutes(ctx, accounts);
      addTaxRateRoutes(ctx, taxRates);
      addMeterPriceRoutes(ctx, deps, meterPrices);
      addChargeRoutes(ctx, charges, service);
      const invoices = new InvoiceStore(() => ctx.db);
      const numbers = new InvoiceNumbers(() => ctx.db);
      const transitions = new InvoiceTransitions(deps, invoices, numbers, netDays, ctx.events);
      const cycle = new BillingCycle({ deps, accounts, charges, taxRates, meterPrices, numbers, tenants: ctx.tenants, events: ctx.events, netDays, batchSize: given.cycleBatchSize ?? 500 });
      addInvoiceRoutes(ctx, { deps, invoices, transitions, accounts, taxRates, cycle, issuerName: given.issuerName ?? 'Platform billing' });
      defineCycleJob(ctx, cycle, now);
      const catalog = new PaymentProviderCatalog(ctx.extensions);
      const configs = new PaymentConfigs(ctx, catalog);
      const payments = new PaymentRecords(() => ctx.db);
      const settlement = new InvoiceSettlement(deps, invoices, ctx.events);
      const dunning = new Dunning(deps, ctx.settings, ctx.events);
      const customers = new ProviderCustomers(deps, accounts, configs);
      const collector = new InvoiceCollector({ deps, invoices, accounts, configs, payments, settlement, dunning, customers });
      const webhooks = new WebhookEvents(deps, invoices, payments, settlement, dunning);
      addPaymentRoutes(ctx, { deps, catalog, configs, invoices, payments, settlement, collector, webhooks });
      addPaymentMethodRoutes(ctx, new PaymentMethods(deps, configs, customers));
      defineDunningJob(ctx, deps, collector);
      subscribeDunningActions(ctx);
      subscribeBillingEmails(ctx, { recipients: new BillingRecipients(ctx.users, accounts), invoices, platformName: given.issuerName ?? 'Platform billing', now });
      addCreditNoteRoutes(ctx, new CreditNotes(deps, invoices, numbers, configs));
      addReportRoutes(ctx, deps, accounts);
      contributeBillingRiskSignal(ctx);
    },
  });
}

export default createBillingPlugin();
