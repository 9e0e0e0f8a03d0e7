import type { InvoiceLineKind } from './invoice-totals.ts';
import type { InvoiceState } from './invoice-states.ts';
import type { TaxMode } from '../tax/tax-rates.ts';

export interface InvoiceLineView {
  id: string;
  position: number;
  kind: InvoiceLineKind;
  description: string;
  quantity: number;
  unitAmountMinor: number;
  amountMinor: number;
  source: string | null;
  sourceId: string | null;
}

export interface InvoiceView {
  id: string;
  tenantId: string;
  issuer: string;
  number: string | null;
  kind: 'cycle' | 'manual';
  state: InvoiceState;
  currency: string;
  periodStart: string | null;
  periodEnd: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  amountPaidMinor: number;
  amountCreditedMinor: number;
  amountDueMinor: number;
  paymentFailures: number;
  nextCollectionAt: string | null;
  dunningAction: string | null;
  tax: { label: string | null; rateBp: number; mode: TaxMode };
  billTo: Record<string, unknown>;
  memo: string;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  createdAt: string;
  lines?: InvoiceLineView[];
}

export interface InvoiceRow {
  id: string;
  tenant_id: string;
  issuer: string;
  number: string | null;
  kind: 'cycle' | 'manual';
  state: InvoiceState;
  currency: string;
  period_start: string | null;
  period_end: string | null;
  subtotal_minor: string;
  tax_minor: string;
  total_minor: string;
  amount_paid_minor: string;
  amount_credited_minor: string;
  payment_failures: number;
  next_collection_at: Date | null;
  dunning_action: string | null;
  tax_label: string | null;
  tax_rate_bp: number;
  tax_mode: TaxMode;
  bill_to: Record<string, unknown>;
  memo: string;
  issued_at: Date | null;
  due_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
  created_at: Date;
}

export interface InvoiceLineRow {
  id: string;
  invoice_id: string;
  position: number;
  kind: InvoiceLineKind;
  description: string;
  quantity: string;
  unit_amount_minor: string;
  amount_minor: string;
  source: string | null;
  source_id: string | null;
}

export const INVOICE_COLUMNS = `i.id::text, i.tenant_id::text, i.issuer, i.number, i.kind, i.state, i.currency, i.period_start::text AS period_start,
  i.period_end::text AS period_end, i.subtotal_minor::text, i.tax_minor::text, i.total_minor::text, i.amount_paid_minor::text, i.amount_credited_minor::text, i.payment_failures, i.next_collection_at, i.dunning_action, i.tax_label,
  i.tax_rate_bp, i.tax_mode, i.bill_to, i.memo, i.issued_at, i.due_at, i.paid_at, i.voided_at, i.created_at`;

export const LINE_COLUMNS = `id::text, invoice_id::text, position, kind, description, quantity::text, unit_amount_minor::text, amount_minor::text, source, source_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function invoiceOf(r: InvoiceRow): InvoiceView {
  const total = Number(r.total_minor);
  const paid = Number(r.amount_paid_minor);
  const credited = Number(r.amount_credited_minor);
  return {
    id: r.id,
    tenantId: r.tenant_id,
    issuer: r.issuer,
    number: r.number,
    kind: r.kind,
    state: r.state,
    currency: r.currency,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    subtotalMinor: Number(r.subtotal_minor),
    taxMinor: Number(r.tax_minor),
    totalMinor: total,
    amountPaidMinor: paid,
    amountCreditedMinor: credited,
    amountDueMinor: r.state === 'open' || r.state === 'uncollectible' ? Math.max(0, total - paid - credited) : 0,
    paymentFailures: r.payment_failures,
    nextCollectionAt: iso(r.next_collection_at),
    dunningAction: r.dunning_action,
    tax: { label: r.tax_label, rateBp: r.tax_rate_bp, mode: r.tax_mode },
    billTo: r.bill_to ?? {},
    memo: r.memo,
    issuedAt: iso(r.issued_at),
    dueAt: iso(r.due_at),
    paidAt: iso(r.paid_at),
    voidedAt: iso(r.voided_at),
    createdAt: iso(r.created_at)!,
  };
}

export function lineOf(r: InvoiceLineRow): InvoiceLineView {
  return {
    id: r.id,
    position: r.position,
    kind: r.kind,
    description: r.description,
    quantity: Number(r.quantity),
    unitAmountMinor: Number(r.unit_amount_minor),
    amountMinor: Number(r.amount_minor),
    source: r.source,
    sourceId: r.source_id,
  };
}
