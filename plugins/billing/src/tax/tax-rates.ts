import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';

export type TaxMode = 'inclusive' | 'exclusive';

/** What an invoice applies: a rate in basis points, inclusive or exclusive. */
export interface TaxRule {
  label: string;
  rateBp: number;
  mode: TaxMode;
}

export interface TaxRate extends TaxRule {
  id: string;
  /** ISO-3166 alpha-2, for a country's rate; null for a tenant's own. */
  country: string | null;
  /** For a tenant's own rate (takes precedence over its country's); null for a country's. */
  tenantId: string | null;
  createdAt: string;
}

interface TaxRateRow {
  id: string;
  country: string | null;
  tenant_id: string | null;
  label: string;
  rate_bp: number;
  mode: TaxMode;
  created_at: Date;
}

const COLUMNS = 'id::text, country, tenant_id::text, label, rate_bp, mode, created_at';

function rateOf(r: TaxRateRow): TaxRate {
  return { id: r.id, country: r.country, tenantId: r.tenant_id, label: r.label, rateBp: r.rate_bp, mode: r.mode, createdAt: new Date(r.created_at).toISOString() };
}

/** No tax: what applies when neither the tenant nor its country has a rate. */
export const NO_TAX: TaxRule = { label: 'No tax', rateBp: 0, mode: 'exclusive' };

/** The rates of every tenant and country (a small table), and the rule for one tenant: its own rate, else its country's. */
export class TaxRates {
  constructor(private readonly d: () => BillingDeps) {}

  async list(em?: EntityManager): Promise<TaxRate[]> {
    const rows = await this.d().db.sql<TaxRateRow>(`SELECT ${COLUMNS} FROM billing_tax_rates ORDER BY country NULLS LAST, tenant_id`, [], em);
    return rows.map(rateOf);
  }

  async get(id: string, em?: EntityManager): Promise<TaxRate | null> {
    const [row] = await this.d().db.sql<TaxRateRow>(`SELECT ${COLUMNS} FROM billing_tax_rates WHERE id = $1`, [id], em);
    return row ? rateOf(row) : null;
  }

  /** Sets the rate of a country or a tenant (replacing the previous one). */
  async put(em: EntityManager, target: { country: string | null; tenantId: string | null }, rule: TaxRule): Promise<TaxRate> {
    const conflict = target.country ? '(country) WHERE country IS NOT NULL' : '(tenant_id) WHERE tenant_id IS NOT NULL';
    const [row] = await this.d().db.sql<TaxRateRow>(
      `INSERT INTO billing_tax_rates (id, country, tenant_id, label, rate_bp, mode) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ${conflict} DO UPDATE SET label = EXCLUDED.label, rate_bp = EXCLUDED.rate_bp, mode = EXCLUDED.mode, updated_at = now()
       RETURNING ${COLUMNS}`,
      [randomUUID(), target.country, target.tenantId, rule.label, rule.rateBp, rule.mode],
      em,
    );
    return rateOf(row!);
  }

  async remove(em: EntityManager, id: string): Promise<boolean> {
    const rows = await this.d().db.sql(`DELETE FROM billing_tax_rates WHERE id = $1 RETURNING id`, [id], em);
    return rows.length > 0;
  }

  /** A resolver over one read of the table. */
  async resolver(em?: EntityManager): Promise<(tenantId: string, country: string | null) => TaxRule> {
    const all = await this.list(em);
    const byTenant = new Map(all.filter((r) => r.tenantId).map((r) => [r.tenantId!, r]));
    const byCountry = new Map(all.filter((r) => r.country).map((r) => [r.country!, r]));
    return (tenantId, country) => {
      const r = byTenant.get(tenantId) ?? (country ? byCountry.get(country) : undefined);
      return r ? { label: r.label, rateBp: r.rateBp, mode: r.mode } : NO_TAX;
    };
  }
}
