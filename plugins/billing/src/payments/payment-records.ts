import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';

export type PaymentStatus = 'processing' | 'requires_action' | 'succeeded' | 'failed';
export type PaymentMethod = 'provider' | 'bank_transfer' | 'cash' | 'cheque' | 'other';

export interface PaymentView {
  id: string;
  tenantId: string;
  invoiceId: string;
  configId: string | null;
  method: PaymentMethod;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  providerRef: string | null;
  failureReason: string | null;
  actionUrl: string | null;
  reason: string | null;
  recordedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  tenant_id: string;
  invoice_id: string;
  config_id: string | null;
  method: PaymentMethod;
  amount_minor: string;
  currency: string;
  status: PaymentStatus;
  provider_ref: string | null;
  failure_reason: string | null;
  action_url: string | null;
  reason: string | null;
  recorded_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id::text, tenant_id::text, invoice_id::text, config_id::text, method, amount_minor::text, currency, status, provider_ref, failure_reason,
  action_url, reason, recorded_by, created_at, updated_at`;

const viewOf = (r: Row): PaymentView => ({
  id: r.id,
  tenantId: r.tenant_id,
  invoiceId: r.invoice_id,
  configId: r.config_id,
  method: r.method,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  status: r.status,
  providerRef: r.provider_ref,
  failureReason: r.failure_reason,
  actionUrl: r.action_url,
  reason: r.reason,
  recordedBy: r.recorded_by,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Payment rows: one per attempt through a provider, or per manual payment recorded by staff. */
export class PaymentRecords {
  constructor(private readonly db: () => Database) {}

  async insert(em: EntityManager, p: { tenantId: string; invoiceId: string; configId: string | null; method: PaymentMethod; amountMinor: number; currency: string; status: PaymentStatus; reason?: string | null; recordedBy?: string | null; providerRef?: string | null }): Promise<PaymentView> {
    const [row] = await this.db().sql<Row>(
      `INSERT INTO billing_payments (id, tenant_id, invoice_id, config_id, method, amount_minor, currency, status, reason, recorded_by, provider_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [randomUUID(), p.tenantId, p.invoiceId, p.configId, p.method, p.amountMinor, p.currency, p.status, p.reason ?? null, p.recordedBy ?? null, p.providerRef ?? null],
      em,
    );
    return viewOf(row!);
  }

  async update(em: EntityManager, id: string, changes: { status: PaymentStatus; providerRef?: string | null; failureReason?: string | null; actionUrl?: string | null }): Promise<PaymentView> {
    const [row] = await this.db().sql<Row>(
      `UPDATE billing_payments SET status = $2, provider_ref = coalesce($3, provider_ref), failure_reason = $4, action_url = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.status, changes.providerRef ?? null, changes.failureReason ?? null, changes.actionUrl ?? null],
      em,
    );
    return viewOf(row!);
  }

  /** A provider's payment, by its reference (or the invoice it pays), locked. */
  async findForWebhook(em: EntityManager, configId: string, paymentRef: string): Promise<PaymentView | null> {
    const [row] = await this.db().sql<Row>(`SELECT ${COLUMNS} FROM billing_payments WHERE config_id = $1 AND provider_ref = $2 FOR UPDATE`, [configId, paymentRef], em);
    return row ? viewOf(row) : null;
  }

  async get(id: string, em?: EntityManager): Promise<PaymentView | null> {
    const [row] = await this.db().sql<Row>(`SELECT ${COLUMNS} FROM billing_payments WHERE id = $1`, [id], em);
    return row ? viewOf(row) : null;
  }

  async list(tenantIds: readonly string[] | null, invoiceId?: string, em?: EntityManager): Promise<PaymentView[]> {
    const rows = await this.db().sql<Row>(
      `SELECT ${COLUMNS} FROM billing_payments WHERE ($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR invoice_id = $2::uuid) ORDER BY created_at DESC LIMIT 500`,
      [tenantIds, invoiceId ?? null],
      em,
    );
    return rows.map(viewOf);
  }
}
