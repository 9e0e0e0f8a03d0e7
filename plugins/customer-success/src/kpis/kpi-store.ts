import type { Database } from '@platform/sdk';

export interface KpiSnapshot {
  kpiId: string;
  /** `YYYY-MM`. */
  month: string;
  total: number | null;
  byTenant: Record<string, number>;
  breakdown: Record<string, number>;
  error: string | null;
  computedAt: string;
}

interface Row {
  kpi_id: string;
  month: string;
  total: number | null;
  by_tenant: Record<string, number>;
  breakdown: Record<string, number>;
  error: string | null;
  computed_at: Date;
}
const toSnapshot = (r: Row): KpiSnapshot => ({
  kpiId: r.kpi_id,
  month: r.month,
  total: r.total === null ? null : Number(r.total),
  byTenant: r.by_tenant,
  breakdown: r.breakdown,
  error: r.error,
  computedAt: new Date(r.computed_at).toISOString(),
});

/** `customer_success_kpi_snapshots`: one row per KPI and month. */
export class KpiStore {
  constructor(private readonly db: Database) {}

  async save(s: KpiSnapshot): Promise<void> {
    await this.db.sql(
      `INSERT INTO customer_success_kpi_snapshots (kpi_id, month, total, by_tenant, breakdown, error, computed_at)
       VALUES ($1, ($2 || '-01')::date, $3, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT (kpi_id, month) DO UPDATE SET total = EXCLUDED.total, by_tenant = EXCLUDED.by_tenant, breakdown = EXCLUDED.breakdown,
         error = EXCLUDED.error, computed_at = EXCLUDED.computed_at`,
      [s.kpiId, s.month, s.total, JSON.stringify(s.byTenant), JSON.stringify(s.breakdown), s.error, s.computedAt],
      this.db.system(),
    );
  }

  /** Totals of every KPI over the months `from`..`to` (`YYYY-MM`, inclusive), without the per-tenant values. */
  async totals(from: string, to: string): Promise<Omit<KpiSnapshot, 'byTenant'>[]> {
    const rows = await this.db.sql<Row>(
      `SELECT kpi_id, to_char(month, 'YYYY-MM') AS month, total, '{}'::jsonb AS by_tenant, breakdown, error, computed_at
       FROM customer_success_kpi_snapshots WHERE month BETWEEN ($1 || '-01')::date AND ($2 || '-01')::date ORDER BY kpi_id, month`,
      [from, to],
      this.db.system(),
    );
    return rows.map(toSnapshot);
  }

  async one(kpiId: string, month: string): Promise<KpiSnapshot | null> {
    const [row] = await this.db.sql<Row>(
      `SELECT kpi_id, to_char(month, 'YYYY-MM') AS month, total, by_tenant, breakdown, error, computed_at
       FROM customer_success_kpi_snapshots WHERE kpi_id = $1 AND month = ($2 || '-01')::date`,
      [kpiId, month],
      this.db.system(),
    );
    return row ? toSnapshot(row) : null;
  }

  /** One tenant's value of every KPI over the months `from`..`to`. */
  async forTenant(tenantId: string, from: string, to: string): Promise<{ kpiId: string; month: string; value: number | null }[]> {
    const rows = await this.db.sql<{ kpi_id: string; month: string; value: number | null }>(
      `SELECT kpi_id, to_char(month, 'YYYY-MM') AS month, (by_tenant ->> $1)::double precision AS value
       FROM customer_success_kpi_snapshots WHERE month BETWEEN ($2 || '-01')::date AND ($3 || '-01')::date ORDER BY kpi_id, month`,
      [tenantId, from, to],
      this.db.system(),
    );
    return rows.map((r) => ({ kpiId: r.kpi_id, month: r.month, value: r.value === null ? null : Number(r.value) }));
  }
}
