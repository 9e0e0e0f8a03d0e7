import { ProblemError, type EntityManager } from '@platform/sdk';
import type { AccountStore } from '../accounts/account-store.ts';
import type { TaxRates } from '../tax/tax-rates.ts';
import type { BillingDeps } from '../billing-deps.ts';
import { billToOf } from './bill-to.ts';
import { finish } from './compose-invoice.ts';
import { DEFAULT_ISSUER } from './invoice-numbers.ts';
import type { InvoiceLineDraft } from './invoice-totals.ts';
import { insertInvoices } from './invoice-writer.ts';

export interface ManualLineInput {
  description: string;
  quantity: number;
  unitAmountMinor: number;
}

/** A manual invoice: a draft with staff-written lines, taxed like the tenant's cycle invoices, numbered when finalized. */
export async function createManualDraft(
  deps: BillingDeps,
  accounts: AccountStore,
  taxRates: TaxRates,
  em: EntityManager,
  tenantId: string,
  input: { lines: ManualLineInput[]; memo?: string },
): Promise<string> {
  const account = await accounts.get(tenantId, em);
  if (!account) throw new ProblemError(400, 'validation_failed', 'The tenant has no billing account; create one first', { field: 'tenantId' });
  const lines: InvoiceLineDraft[] = input.lines.map((l, i) => {
    const amount = l.quantity * l.unitAmountMinor;
    if (!Number.isSafeInteger(amount)) throw new ProblemError(400, 'validation_failed', 'quantity × unitAmountMinor is out of range', { field: `lines/${i}/quantity` });
    return { kind: 'manual', description: l.description, quantity: l.quantity, unitAmountMinor: l.unitAmountMinor, amountMinor: amount, source: null, sourceId: null };
  });
  const tax = (await taxRates.resolver(em))(tenantId, account.country);
  const composed = finish(account.currency, lines, tax, [], []);
  if (composed.carriedMinor) throw new ProblemError(400, 'validation_failed', 'A manual invoice cannot be negative; issue a credit note', { field: 'lines' });
  const [id] = await insertInvoices(deps.db, em, [
    {
      tenantId,
      issuer: DEFAULT_ISSUER,
      sequence: null,
      number: null,
      kind: 'manual',
      state: 'draft',
      currency: account.currency,
      periodStart: null,
      periodEnd: null,
      subtotalMinor: composed.subtotalMinor,
      taxMinor: composed.taxMinor,
      totalMinor: composed.totalMinor,
      tax,
      billTo: billToOf(account),
      memo: input.memo ?? '',
      issuedAt: null,
      dueAt: null,
      paidAt: null,
      lines: composed.lines,
    },
  ]);
  return id!;
}
