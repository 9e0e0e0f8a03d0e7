import type { EntityManager } from '@platform/sdk';
import type { BilledPlan, MeterReset, PlanChangeProration } from '@platform/sdk/entitlements';
import type { BillingAccount } from '../accounts/billing-account.ts';
import type { BillingPeriod } from '../accounts/billing-schedule.ts';
import type { BillingDeps } from '../billing-deps.ts';
import type { PendingCharges } from '../charges/pending-charges.ts';
import type { MeterPrices } from '../meters/meter-prices.ts';
import type { TaxRates } from '../tax/tax-rates.ts';
import type { CycleInvoiceInput } from './compose-invoice.ts';

/** One invoice to compose: a tenant's account and period; usage, changes and charges are counted until `until`. */
export interface InvoiceUnit {
  account: BillingAccount;
  period: BillingPeriod;
  until: Date;
}

export interface InvoiceSources {
  deps: () => BillingDeps;
  charges: PendingCharges;
  taxRates: TaxRates;
  meterPrices: MeterPrices;
}

/**
 * Everything the invoices of many tenants need, in a handful of bulk reads: plans at each period's start,
 * prorations and usage over each window, pending charges (locked when `lockCharges`), tax rules, meter prices.
 */
export async function loadInvoiceInputs(src: InvoiceSources, em: EntityManager, units: readonly InvoiceUnit[], lockCharges: boolean): Promise<CycleInvoiceInput[]> {
  if (!units.length) return [];
  const plans = src.deps().planSource();
  const windows = units.map((u) => ({ tenantId: u.account.tenantId, start: u.period.start, end: u.until }));
  const plansByTenant = new Map<string, BilledPlan>();
  const prorations = new Map<string, PlanChangeProration[]>();
  let usage = new Map<string, Record<string, number>>();
  const resets = new Map<string, MeterReset>();
  if (plans) {
    const byStart = new Map<number, string[]>();
    for (const u of units) {
      const list = byStart.get(u.period.start.getTime()) ?? [];
      list.push(u.account.tenantId);
      byStart.set(u.period.start.getTime(), list);
    }
    for (const [start, tenantIds] of byStart) for (const [id, plan] of await plans.plansAt(tenantIds, new Date(start))) plansByTenant.set(id, plan);
    for (const p of await plans.prorationsIn(windows)) {
      const list = prorations.get(p.tenantId) ?? [];
      list.push(p);
      prorations.set(p.tenantId, list);
    }
    usage = await plans.usageIn(windows);
    for (const m of plans.meters()) resets.set(m.key, m.resets);
  }
  const pending = await src.charges.dueBy(em, units.map((u) => ({ tenantId: u.account.tenantId, before: u.until })), lockCharges);
  const taxFor = await src.taxRates.resolver(em);
  const meterPrice = await src.meterPrices.lookup(em);
  return units.map((u) => ({
    tenantId: u.account.tenantId,
    cycle: u.account.cycle,
    currency: u.account.currency,
    period: u.period,
    plan: plansByTenant.get(u.account.tenantId) ?? null,
    prorations: prorations.get(u.account.tenantId) ?? [],
    usage: usage.get(u.account.tenantId) ?? {},
    meterResets: (meter: string) => resets.get(meter),
    meterPrice,
    pending: pending.get(u.account.tenantId) ?? [],
    tax: taxFor(u.account.tenantId, u.account.country),
  }));
}
