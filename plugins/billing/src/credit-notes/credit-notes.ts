import { randomUUID } from 'node:crypto';
import { ProblemError } from '@platform/sdk';
import { attemptPaymentCall } from '@platform/sdk/payments';
import type { BillingDeps } from '../billing-deps.ts';
import { invoiceNumberOf, type InvoiceNumbers } from '../invoices/invoice-numbers.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import { summary, type Auditor } from '../invoices/invoice-transitions.ts';
import type { PaymentConfigs } from '../payments/payment-configs.ts';

export const CREDIT_NOTE_ISSUER = 'platform-credit-notes';

export interface CreditNoteView {
  id: string;
  tenantId: string;
  invoiceId: string;
  number: string;
  kind: 'refund' | 'correction';
  amountMinor: number;
  currency: string;
  reason: string;
  refundStatus: 'none' | 'pending' | 'succeeded' | 'failed' | 'manual';
  refundRef: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  tenant_id: string;
  invoice_id: string;
  number: string;
  kind: 'refund' | 'correction';
  amount_minor: string;
  currency: string;
  reason: string;
  refund_status: CreditNoteView['refundStatus'];
  refund_ref: string | null;
  created_at: Date;
}

const COLUMNS = 'id::text, tenant_id::text, invoice_id::text, number, kind, amount_minor::text, currency, reason, refund_status, refund_ref, created_at';
const viewOf = (r: Row): CreditNoteView => ({ id: r.id, tenantId: r.tenant_id, invoiceId: r.invoice_id, number: r.number, kind: r.kind, amountMinor: Number(r.amount_minor), currency: r.currency, reason: r.reason, refundStatus: r.refund_status, refundRef: r.refund_ref, createdAt: new Date(r.created_at).toISOString() });

/**
 * Credit notes, numbered gaplessly in their own series (`CN-000001`):
 * - `correction`: lowers what an open (or uncollectible) invoice asks for, at most what is due; an invoice credited
 *   down to nothing due is settled (`paid`);
 * - `refund`: gives back money taken for a paid invoice, at most what was paid and not refunded yet: through the
 *   provider that took the payment (idempotency key = the credit note's id; the webhook completes a pending one), or
 *   recorded as paid back outside (`manual`) for manual payments.
 */
export class CreditNotes {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly invoices: InvoiceStore,
    private readonly numbers: InvoiceNumbers,
    private readonly configs: PaymentConfigs,
  ) {}

  async list(tenantIds: readonly string[] | null, invoiceId?: string): Promise<CreditNoteView[]> {
    const rows = await this.d().db.sql<Row>(
      `SELECT ${COLUMNS} FROM billing_credit_notes WHERE ($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR invoice_id = $2::uuid) ORDER BY created_at DESC LIMIT 500`,
      [tenantIds, invoiceId ?? null],
    );
    return rows.map(viewOf);
  }

  async issue(invoiceId: string, tenantIds: readonly string[] | null, input: { kind: 'refund' | 'correction'; amountMinor: number; reason: string }, audit: Auditor): Promise<CreditNoteView> {
    const d = this.d();
    const { note, refund } = await d.db.system().transactional(async (em) => {
      const counter = await this.numbers.lock(em, CREDIT_NOTE_ISSUER);
      const invoice = await this.invoices.get(invoiceId, tenantIds, em, true);
      if (!invoice) throw new ProblemError(404, 'not_found', 'invoice not found');
      let refund: { paymentId: string; providerRef: string; configId: string } | null = null;
      if (input.kind === 'correction') {
        if (invoice.state !== 'open' && invoice.state !== 'uncollectible') throw new ProblemError(409, 'invalid_transition', `A correction lowers an open invoice; this one is ${invoice.state} (issue a refund)`, { field: 'kind' });
        if (input.amountMinor > invoice.amountDueMinor) throw new ProblemError(400, 'validation_failed', `At most ${invoice.amountDueMinor} is due`, { field: 'amountMinor' });
      } else {
        if (invoice.amountPaidMinor <= 0) throw new ProblemError(409, 'invalid_transition', 'Nothing was paid on this invoice', { field: 'kind' });
        const [refunded] = await d.db.sql<{ n: string }>("SELECT coalesce(sum(amount_minor), 0)::text AS n FROM billing_credit_notes WHERE invoice_id = $1 AND kind = 'refund' AND refund_status <> 'failed'", [invoiceId], em);
        const refundable = invoice.amountPaidMinor - Number(refunded!.n);
        if (input.amountMinor > refundable) throw new ProblemError(400, 'validation_failed', `At most ${refundable} can be refunded`, { field: 'amountMinor' });
        const [paid] = await d.db.sql<{ id: string; provider_ref: string; config_id: string }>(
          "SELECT id::text, provider_ref, config_id::text FROM billing_payments WHERE invoice_id = $1 AND status = 'succeeded' AND method = 'provider' AND provider_ref IS NOT NULL ORDER BY amount_minor DESC LIMIT 1",
          [invoiceId],
          em,
        );
        if (paid) refund = { paymentId: paid.id, providerRef: paid.provider_ref, configId: paid.config_id };
      }
      const sequence = counter.last + 1;
      const [row] = await d.db.sql<Row>(
        `INSERT INTO billing_credit_notes (id, tenant_id, invoice_id, issuer, sequence, number, kind, amount_minor, currency, reason, refund_status, payment_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
        [randomUUID(), invoice.tenantId, invoiceId, CREDIT_NOTE_ISSUER, sequence, invoiceNumberOf(counter.prefix, sequence), input.kind, input.amountMinor, invoice.currency, input.reason, input.kind === 'correction' ? 'none' : refund ? 'pending' : 'manual', refund?.paymentId ?? null],
        em,
      );
      await this.numbers.advance(em, CREDIT_NOTE_ISSUER, sequence);
      if (input.kind === 'correction') {
        const settled = input.amountMinor === invoice.amountDueMinor;
        await d.db.sql(
          `UPDATE billing_invoices SET amount_credited_minor = amount_credited_minor + $2, state = CASE WHEN $3 THEN 'paid' ELSE state END,
              paid_at = CASE WHEN $3 THEN $4::timestamptz ELSE paid_at END, next_collection_at = CASE WHEN $3 THEN NULL ELSE next_collection_at END, updated_at = now() WHERE id = $1`,
          [invoiceId, input.amountMinor, settled, d.now().toISOString()],
          em,
        );
      }
      const after = (await this.invoices.get(invoiceId, null, em))!;
      await audit({ action: 'billing.credit_note.issued', tenantId: invoice.tenantId, targetType: 'billing.invoice', targetId: invoiceId, before: summary(invoice), after: { ...summary(after), creditNote: row!.number, kind: input.kind, amountMinor: input.amountMinor }, reason: input.reason }, em);
      return { note: viewOf(row!), refund };
    });
    if (!refund) return note;
    const config = await this.configs.get(refund.configId);
    if (!config) return note;
    const result = await attemptPaymentCall(this.configs.provider(config.providerId), this.configs.open(config), { type: 'refund', refund: { paymentRef: refund.providerRef, amountMinor: note.amountMinor, currency: note.currency, reason: note.reason, reference: note.id } }, { idempotencyKey: note.id, webhookUrl: this.configs.webhookUrl(config.id) });
    const status = result.ok ? result.value.status : 'failed';
    const [row] = await d.db.sql<Row>(`UPDATE billing_credit_notes SET refund_status = $2, refund_ref = $3, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [note.id, status, result.ok ? result.value.refundRef : null]);
    await d.audit.record({ action: `billing.credit_note.refund_${status}`, tenantId: note.tenantId, targetType: 'billing.credit_note', targetId: note.id, after: { refundRef: result.ok ? result.value.refundRef : null, error: result.ok ? null : result.error.message }, actorType: 'system', actorId: 'billing.refunds' });
    return viewOf(row!);
  }
}
