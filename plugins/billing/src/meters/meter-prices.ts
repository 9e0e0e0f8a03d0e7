import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';

/** The price of one unit of a meter beyond the plan's quota, in one currency, for every plan or one. */
export interface MeterPrice {
  id: string;
  meter: string;
  planId: string | null;
  currency: string;
  unitPriceMinor: number;
  createdAt: string;
}

interface MeterPriceRow {
  id: string;
  meter: string;
  plan_id: string | null;
  currency: string;
  unit_price_minor: string;
  created_at: Date;
}

const COLUMNS = 'id::text, meter, plan_id::text, currency, unit_price_minor::text, created_at';

function priceOf(r: MeterPriceRow): MeterPrice {
  return { id: r.id, meter: r.meter, planId: r.plan_id, currency: r.currency, unitPriceMinor: Number(r.unit_price_minor), createdAt: new Date(r.created_at).toISOString() };
}

/** Looks up a unit price: the plan's own, else the one for every plan; null when the meter has no price. */
export type MeterPriceLookup = (meter: string, currency: string, planId: string | null) => number | null;

export class MeterPrices {
  constructor(private readonly d: () => BillingDeps) {}

  async list(em?: EntityManager): Promise<MeterPrice[]> {
    const rows = await this.d().db.sql<MeterPriceRow>(`SELECT ${COLUMNS} FROM billing_meter_prices ORDER BY meter, currency, plan_id NULLS FIRST`, [], em);
    return rows.map(priceOf);
  }

  async get(id: string, em?: EntityManager): Promise<MeterPrice | null> {
    const [row] = await this.d().db.sql<MeterPriceRow>(`SELECT ${COLUMNS} FROM billing_meter_prices WHERE id = $1`, [id], em);
    return row ? priceOf(row) : null;
  }

  async put(em: EntityManager, input: { meter: string; planId: string | null; currency: string; unitPriceMinor: number }): Promise<MeterPrice> {
    const [row] = await this.d().db.sql<MeterPriceRow>(
      `INSERT INTO billing_meter_prices (id, meter, plan_id, currency, unit_price_minor) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (meter, currency, coalesce(plan_id, '00000000-0000-0000-0000-000000000000'))
       DO UPDATE SET unit_price_minor = EXCLUDED.unit_price_minor, updated_at = now()
       RETURNING ${COLUMNS}`,
      [randomUUID(), input.meter, input.planId, input.currency, input.unitPriceMinor],
      em,
    );
    return priceOf(row!);
  }

  async remove(em: EntityManager, id: string): Promise<boolean> {
    return (await this.d().db.sql(`DELETE FROM billing_meter_prices WHERE id = $1 RETURNING id`, [id], em)).length > 0;
  }

  async lookup(em?: EntityManager): Promise<MeterPriceLookup> {
    const all = await this.list(em);
    const key = (meter: string, currency: string, planId: string | null) => `${meter}\u0000${currency}\u0000${planId ?? ''}`;
    const map = new Map(all.map((p) => [key(p.meter, p.currency, p.planId), p.unitPriceMinor]));
    return (meter, currency, planId) => (planId ? map.get(key(meter, currency, planId)) : undefined) ?? map.get(key(meter, currency, null)) ?? null;
  }
}
