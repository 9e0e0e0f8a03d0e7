import { taxOf } from '@platform/sdk/money';
import type { TaxRule } from '../tax/tax-rates.ts';

export type InvoiceLineKind = 'plan' | 'proration' | 'overage' | 'charge' | 'manual' | 'credit';

/** A line before it is written: integer minor units; `amountMinor` is what counts, the unit price is shown. */
export interface InvoiceLineDraft {
  kind: InvoiceLineKind;
  description: string;
  quantity: number;
  unitAmountMinor: number;
  amountMinor: number;
  source: string | null;
  sourceId: string | null;
}

export interface InvoiceTotals {
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/**
 * Totals of an invoice's lines: tax is computed once, on the subtotal, by the money rules (round half away from
 * zero). Exclusive: `total = subtotal + tax`. Inclusive: the lines are gross, `total = subtotal`.
 */
export function totalsOf(lines: readonly Pick<InvoiceLineDraft, 'amountMinor'>[], tax: TaxRule): InvoiceTotals {
  let subtotal = 0;
  for (const line of lines) {
    subtotal += line.amountMinor;
    if (!Number.isSafeInteger(subtotal)) throw new RangeError('invoice subtotal out of range');
  }
  const taxMinor = taxOf(subtotal, tax.rateBp, tax.mode);
  return { subtotalMinor: subtotal, taxMinor, totalMinor: tax.mode === 'exclusive' ? subtotal + taxMinor : subtotal };
}
