import type { Database, EntityManager } from '@platform/sdk';
import { INVOICE_COLUMNS, LINE_COLUMNS, invoiceOf, lineOf, type InvoiceLineRow, type InvoiceRow, type InvoiceView } from './invoice-view.ts';
import type { InvoiceState } from './invoice-states.ts';

export interface InvoiceFilter {
  /** Null: every tenant (staff across tenants). */
  tenantIds: readonly string[] | null;
  state?: InvoiceState;
  limit: number;
  offset: number;
}

/** Reads invoices; every read names the tenants the caller may see (null only for staff across tenants). */
export class InvoiceStore {
  constructor(private readonly db: () => Database) {}

  async list(filter: InvoiceFilter, em?: EntityManager): Promise<{ items: InvoiceView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.tenantIds !== null) {
      params.push(filter.tenantIds);
      where.push(`i.tenant_id = ANY($${params.length}::uuid[])`);
    }
    if (filter.state) {
      params.push(filter.state);
      where.push(`i.state = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.db().sql<{ n: string }>(`SELECT count(*)::text AS n FROM billing_invoices i ${clause}`, params, em);
    params.push(filter.limit, filter.offset);
    const rows = await this.db().sql<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM billing_invoices i ${clause} ORDER BY i.created_at DESC, i.sequence DESC NULLS FIRST, i.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
      em,
    );
    return { items: rows.map(invoiceOf), total: Number(count?.n ?? 0) };
  }

  /** One invoice with its lines, if it belongs to one of `tenantIds` (null: any). `lock` takes it FOR UPDATE. */
  async get(id: string, tenantIds: readonly string[] | null, em?: EntityManager, lock = false): Promise<InvoiceView | null> {
    const [row] = await this.db().sql<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM billing_invoices i WHERE i.id = $1 AND ($2::uuid[] IS NULL OR i.tenant_id = ANY($2::uuid[])) ${lock ? 'FOR UPDATE' : ''}`,
      [id, tenantIds],
      em,
    );
    if (!row) return null;
    const lines = await this.db().sql<InvoiceLineRow>(`SELECT ${LINE_COLUMNS} FROM billing_invoice_lines WHERE invoice_id = $1 ORDER BY position`, [id], em);
    return { ...invoiceOf(row), lines: lines.map(lineOf) };
  }
}
