import { randomUUID } from 'node:crypto';
import { ProblemError, type EntityManager } from '@platform/sdk';
import type { BillableCharge } from '@platform/sdk/billing';
import type { BillingDeps } from '../billing-deps.ts';
import type { PendingCharge } from '../invoices/compose-invoice.ts';
import { requireCurrency, requireMinorUnits, requireText } from '../money-fields.ts';

interface PendingChargeRow {
  id: string;
  tenant_id: string;
  source: string;
  source_id: string;
  description: string;
  amount_minor: string;
  currency: string;
  quantity: number;
  invoice_id: string | null;
  created_at: Date;
}

const COLUMNS = 'id::text, tenant_id::text, source, source_id, description, amount_minor::text, currency, quantity, invoice_id::text, created_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PendingChargeView extends PendingCharge {
  invoiceId: string | null;
}

function chargeOf(r: PendingChargeRow): PendingChargeView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    source: r.source,
    sourceId: r.source_id,
    description: r.description,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    quantity: r.quantity,
    invoiceId: r.invoice_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Checks a charge as any caller may send it (a plugin through BILLING_CHARGES, staff through the API): 400 naming the field. */
export function validateCharge(charge: BillableCharge): BillableCharge & { quantity: number } {
  if (typeof charge?.tenantId !== 'string' || !UUID.test(charge.tenantId)) throw new ProblemError(400, 'validation_failed', 'tenantId must be a tenant id', { field: 'tenantId' });
  requireText(charge.source, 'source', 100);
  requireText(charge.sourceId, 'sourceId', 200);
  requireText(charge.description, 'description', 500);
  requireMinorUnits(charge.amountMinor, 'amountMinor');
  requireCurrency(charge.currency);
  const quantity = charge.quantity ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 1_000_000_000) throw new ProblemError(400, 'validation_failed', 'quantity must be a positive integer', { field: 'quantity' });
  return { ...charge, quantity };
}

/** Charges waiting for a tenant's next invoice; idempotent on (source, sourceId). */
export class PendingCharges {
  constructor(private readonly d: () => BillingDeps) {}

  /** Inserts the charge unless (source, sourceId) exists: then the existing one, `created: false` (409 if it is another tenant's). */
  async add(em: EntityManager, input: BillableCharge): Promise<{ charge: PendingChargeView; created: boolean }> {
    const c = validateCharge(input);
    const db = this.d().db;
    const [account] = await db.sql<{ currency: string }>('SELECT currency FROM billing_accounts WHERE tenant_id = $1', [c.tenantId], em);
    if (account && account.currency !== c.currency)
      throw new ProblemError(400, 'validation_failed', `The tenant is billed in ${account.currency}, not ${c.currency}`, { field: 'currency' });
    const [inserted] = await db.sql<PendingChargeRow>(
      `INSERT INTO billing_pending_charges (id, tenant_id, source, source_id, description, amount_minor, currency, quantity, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source, source_id) DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), c.tenantId, c.source, c.sourceId, c.description, c.amountMinor, c.currency, c.quantity, this.d().now().toISOString()],
      em,
    );
    if (inserted) return { charge: chargeOf(inserted), created: true };
    const [existing] = await db.sql<PendingChargeRow>(`SELECT ${COLUMNS} FROM billing_pending_charges WHERE source = $1 AND source_id = $2`, [c.source, c.sourceId], em);
    if (!existing) throw new ProblemError(409, 'conflict', 'The charge is being added concurrently; retry');
    if (existing.tenant_id !== c.tenantId) throw new ProblemError(409, 'conflict', `${c.source}/${c.sourceId} is already charged to another tenant`, { field: 'sourceId' });
    return { charge: chargeOf(existing), created: false };
  }

  /** A tenant's charges not yet invoiced. */
  async pending(tenantId: string, em?: EntityManager): Promise<PendingChargeView[]> {
    const rows = await this.d().db.sql<PendingChargeRow>(`SELECT ${COLUMNS} FROM billing_pending_charges WHERE tenant_id = $1 AND invoice_id IS NULL ORDER BY created_at, id`, [tenantId], em);
    return rows.map(chargeOf);
  }

  /** Uninvoiced charges created before each tenant's cut-off, locked (by default) against a concurrent invoice run. */
  async dueBy(em: EntityManager, cutoffs: readonly { tenantId: string; before: Date }[], lock = true): Promise<Map<string, PendingChargeView[]>> {
    const out = new Map<string, PendingChargeView[]>();
    if (!cutoffs.length) return out;
    const rows = await this.d().db.sql<PendingChargeRow>(
      `SELECT ${COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}
         FROM billing_pending_charges c
         JOIN unnest($1::uuid[], $2::timestamptz[]) AS w(tenant_id, cutoff) ON w.tenant_id = c.tenant_id
        WHERE c.invoice_id IS NULL AND c.created_at < w.cutoff
        ORDER BY c.created_at, c.id
        ${lock ? 'FOR UPDATE OF c' : ''}`,
      [cutoffs.map((c) => c.tenantId), cutoffs.map((c) => c.before.toISOString())],
      em,
    );
    for (const r of rows) {
      const list = out.get(r.tenant_id) ?? [];
      list.push(chargeOf(r));
      out.set(r.tenant_id, list);
    }
    return out;
  }
}
