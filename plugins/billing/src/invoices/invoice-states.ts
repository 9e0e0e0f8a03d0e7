import { ProblemError } from '@platform/sdk';

export type InvoiceState = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

/**
 * The invoice lifecycle. A draft is edited and then finalized (`open`, numbered) or voided; an open invoice is
 * paid, voided or written off (`uncollectible`); a written-off one may still be paid or voided. `paid` and `void`
 * are final (corrections of a paid invoice are credit notes). Invoices are never deleted.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceState, readonly InvoiceState[]>> = {
  draft: ['open', 'void'],
  open: ['paid', 'void', 'uncollectible'],
  uncollectible: ['paid', 'void'],
  paid: [],
  void: [],
};

export function canTransition(from: InvoiceState, to: InvoiceState): boolean {
  return INVOICE_TRANSITIONS[from].includes(to);
}

/** 409 `invalid_transition` unless `from → to` is allowed. */
export function requireTransition(from: InvoiceState, to: InvoiceState): void {
  if (!canTransition(from, to)) throw new ProblemError(409, 'invalid_transition', `An invoice that is ${from} cannot become ${to}`, { field: 'state' });
}
