import { defineDataDeclarations } from '@platform/sdk/data-protection';

const TAX_LAW = { action: 'retain', legalBasis: 'Tax and accounting law: invoices and their records are kept 10 years', periodDays: 3653 } as const;

/** The tenant data billing holds; invoices are retained under tax law (their billing contact anonymized on erasure). */
export const BILLING_DATA = defineDataDeclarations([
  {
    table: 'billing_accounts',
    subjects: [{ column: 'contact_email', kind: 'email' }],
    personalFields: [
      { column: 'contact_name', category: 'billing' },
      { column: 'contact_email', category: 'contact' },
      { column: 'tax_id', category: 'billing' },
    ],
    deletion: { action: 'anonymize' },
  },
  { table: 'billing_tax_rates', personalFields: [], deletion: { action: 'delete' } },
  { table: 'billing_pending_charges', personalFields: [], deletion: TAX_LAW, restoreAfter: ['billing_invoices'] },
  { table: 'billing_invoices', personalFields: [{ column: 'bill_to', category: 'billing' }], deletion: TAX_LAW },
  { table: 'billing_customers', personalFields: [], deletion: { action: 'delete' } },
  { table: 'billing_payments', personalFields: [], deletion: TAX_LAW, restoreAfter: ['billing_invoices'] },
  { table: 'billing_credit_notes', personalFields: [], deletion: TAX_LAW, restoreAfter: ['billing_invoices', 'billing_payments'] },
  { table: 'billing_invoice_lines', personalFields: [], deletion: TAX_LAW, restoreAfter: ['billing_invoices'] },
]);
