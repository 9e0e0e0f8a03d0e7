import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { InvoiceLineDraft, InvoiceTotals } from './invoice-totals.ts';
import type { InvoiceState } from './invoice-states.ts';
import type { TaxRule } from '../tax/tax-rates.ts';

/** An invoice about to be inserted, with its lines. */
export interface InvoiceToWrite extends InvoiceTotals {
  id?: string;
  tenantId: string;
  issuer: string;
  sequence: number | null;
  number: string | null;
  kind: 'cycle' | 'manual';
  state: InvoiceState;
  currency: string;
  periodStart: string | null;
  periodEnd: string | null;
  tax: TaxRule;
  billTo: Record<string, unknown>;
  memo: string;
  issuedAt: Date | null;
  dueAt: Date | null;
  paidAt: Date | null;
  /** When the dunning job first tries to collect it (tenants with a saved customer at the provider). */
  nextCollectionAt?: Date | null;
  lines: InvoiceLineDraft[];
}

/** Inserts invoices and their lines in two statements (unnest), in the caller's transaction. Returns their ids. */
export async function insertInvoices(db: Database, em: EntityManager, invoices: readonly InvoiceToWrite[]): Promise<string[]> {
  if (!invoices.length) return [];
  const ids = invoices.map((i) => i.id ?? randomUUID());
  const col = <T>(f: (i: InvoiceToWrite) => T) => invoices.map(f);
  const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
  await db.sql(
    `INSERT INTO billing_invoices (id, tenant_id, issuer, sequence, number, kind, state, currency, period_start, period_end, subtotal_minor, tax_minor,
        total_minor, tax_label, tax_rate_bp, tax_mode, bill_to, memo, issued_at, due_at, paid_at, amount_paid_minor, next_collection_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[],
        $11::bigint[], $12::bigint[], $13::bigint[], $14::text[], $15::int[], $16::text[], $17::jsonb[], $18::text[], $19::timestamptz[], $20::timestamptz[],
        $21::timestamptz[], $22::bigint[], $23::timestamptz[])`,
    [
      ids,
      col((i) => i.tenantId),
      col((i) => i.issuer),
      col((i) => i.sequence),
      col((i) => i.number),
      col((i) => i.kind),
      col((i) => i.state),
      col((i) => i.currency),
      col((i) => i.periodStart),
      col((i) => i.periodEnd),
      col((i) => i.subtotalMinor),
      col((i) => i.taxMinor),
      col((i) => i.totalMinor),
      col((i) => i.tax.label),
      col((i) => i.tax.rateBp),
      col((i) => i.tax.mode),
      col((i) => JSON.stringify(i.billTo)),
      col((i) => i.memo),
      col((i) => isoOrNull(i.issuedAt)),
      col((i) => isoOrNull(i.dueAt)),
      col((i) => isoOrNull(i.paidAt)),
      col((i) => (i.state === 'paid' ? i.totalMinor : 0)),
      col((i) => isoOrNull(i.nextCollectionAt ?? null)),
    ],
    em,
  );
  const lines = invoices.flatMap((inv, n) => inv.lines.map((line, position) => ({ invoiceId: ids[n]!, tenantId: inv.tenantId, position, line })));
  if (lines.length) {
    await db.sql(
      `INSERT INTO billing_invoice_lines (id, tenant_id, invoice_id, position, kind, description, quantity, unit_amount_minor, amount_minor, source, source_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[])`,
      [
        lines.map(() => randomUUID()),
        lines.map((l) => l.tenantId),
        lines.map((l) => l.invoiceId),
        lines.map((l) => l.position),
        lines.map((l) => l.line.kind),
        lines.map((l) => l.line.description),
        lines.map((l) => l.line.quantity),
        lines.map((l) => l.line.unitAmountMinor),
        lines.map((l) => l.line.amountMinor),
        lines.map((l) => l.line.source),
        lines.map((l) => l.line.sourceId),
      ],
      em,
    );
  }
  return ids;
}
