import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { AddonRecord } from '../catalog/addon-record.ts';
import { PURCHASE_COLUMNS, purchaseOf, type PurchaseRecord, type PurchaseStatus } from './purchase-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `marketplace_purchases`. Every tenant read names the tenant (and runs on a tenant-bound transaction, so
 * row-level security also hides other tenants' rows).
 */
export class PurchaseStore {
  constructor(private readonly db: Database) {}

  async insert(em: EntityManager, tenantId: string, addon: AddonRecord, period: { start: Date; end: Date | null }, purchasedBy: string | null): Promise<PurchaseRecord> {
    const { kind: _kind, ...provision } = addon.provision;
    const [row] = await this.db.sql(
      `INSERT INTO marketplace_purchases (id, tenant_id, addon_id, addon_name, kind, provision, pricing, amount_minor, currency, status, period_start, period_end, purchased_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 'active', $10, $11, $12) RETURNING ${PURCHASE_COLUMNS}`,
      [randomUUID(), tenantId, addon.id, addon.name, addon.kind, JSON.stringify(provision), addon.pricing, addon.amountMinor, addon.currency,
        period.start.toISOString(), period.end?.toISOString() ?? null, purchasedBy],
      em,
    );
    return purchaseOf(row);
  }

  async get(em: EntityManager, tenantId: string, id: string, forUpdate = false): Promise<PurchaseRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql(`SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases WHERE id = $1 AND tenant_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, tenantId], em);
    return row ? purchaseOf(row) : null;
  }

  async listForTenant(em: EntityManager, tenantId: string): Promise<PurchaseRecord[]> {
    const rows = await this.db.sql(`SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases WHERE tenant_id = $1 ORDER BY created_at DESC, id`, [tenantId], em);
    return rows.map(purchaseOf);
  }

  /** Every tenant's purchases (staff), newest first. */
  async listAll(em: EntityManager, limit = 5000): Promise<PurchaseRecord[]> {
    const rows = await this.db.sql(`SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases ORDER BY created_at DESC, id LIMIT $1`, [limit], em);
    return rows.map(purchaseOf);
  }

  /** The tenant's active purchase of an add-on, if any. */
  async activeOf(em: EntityManager, tenantId: string, addonId: string): Promise<PurchaseRecord | null> {
    const [row] = await this.db.sql(
      `SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases WHERE tenant_id = $1 AND addon_id = $2 AND status = 'active' ORDER BY created_at DESC LIMIT 1`,
      [tenantId, addonId],
      em,
    );
    return row ? purchaseOf(row) : null;
  }

  /** Active recurring purchases whose paid period has ended by `now` (across tenants; the renewal job). */
  async due(em: EntityManager, now: Date, limit = 500): Promise<PurchaseRecord[]> {
    const rows = await this.db.sql(
      `SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases WHERE status = 'active' AND period_end IS NOT NULL AND period_end <= $1 ORDER BY period_end LIMIT $2`,
      [now.toISOString(), limit],
      em,
    );
    return rows.map(purchaseOf);
  }

  async markCharged(em: EntityManager, id: string, what: 'charge' | 'refund'): Promise<void> {
    await this.db.sql(`UPDATE marketplace_purchases SET ${what === 'charge' ? 'charged' : 'refund_charged'} = true, updated_at = now() WHERE id = $1`, [id], em);
  }

  /** Purchases whose charge or refund has not reached the invoice yet (billing was down or absent), across tenants. */
  async uncharged(em: EntityManager, limit = 500): Promise<PurchaseRecord[]> {
    const rows = await this.db.sql(
      `SELECT ${PURCHASE_COLUMNS} FROM marketplace_purchases WHERE (NOT charged AND amount_minor > 0) OR (refund_minor > 0 AND NOT refund_charged) ORDER BY created_at LIMIT $1`,
      [limit],
      em,
    );
    return rows.map(purchaseOf);
  }

  async end(em: EntityManager, id: string, status: Exclude<PurchaseStatus, 'active'>, change: { refundMinor?: number | null; reason?: string | null; at: Date }): Promise<PurchaseRecord> {
    const [row] = await this.db.sql(
      `UPDATE marketplace_purchases SET status = $2, refund_minor = $3, cancel_reason = $4, cancelled_at = CASE WHEN $2 = 'cancelled' THEN $5::timestamptz END,
         ended_at = $5::timestamptz, updated_at = now() WHERE id = $1 RETURNING ${PURCHASE_COLUMNS}`,
      [id, status, change.refundMinor ?? null, change.reason ?? null, change.at.toISOString()],
      em,
    );
    return purchaseOf(row);
  }

  async renew(em: EntityManager, id: string, period: { start: Date; end: Date }): Promise<PurchaseRecord> {
    const [row] = await this.db.sql(
      `UPDATE marketplace_purchases SET period_start = $2, period_end = $3, charged = false, renewals = renewals + 1, updated_at = now() WHERE id = $1 RETURNING ${PURCHASE_COLUMNS}`,
      [id, period.start.toISOString(), period.end.toISOString()],
      em,
    );
    return purchaseOf(row);
  }
}
