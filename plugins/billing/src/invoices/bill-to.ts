import type { BillingAccount } from '../accounts/billing-account.ts';

/** The billing contact as printed on an invoice (a snapshot: later account edits do not rewrite issued invoices). */
export function billToOf(account: Pick<BillingAccount, 'contactName' | 'contactEmail' | 'taxId' | 'country'>): Record<string, unknown> {
  return { name: account.contactName, email: account.contactEmail, taxId: account.taxId, country: account.country };
}
