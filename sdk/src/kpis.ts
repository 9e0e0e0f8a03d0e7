import { defineExtensionPoint, type ExtensionPoint } from './plugin.ts';

/**
 * Cross-tenant KPIs: the contract between the `customer-success` plugin (which stores a snapshot of every KPI per
 * calendar month, draws the 12-month trends and drills down into tenants) and the plugins that own the data (plans:
 * usage per meter and plan mix; metrics: error rate and latency; a shop plugin: GMV...). A contribution whose `id`
 * equals an earlier one's replaces it; a KPI that throws is recorded as failed for that month and never breaks the others.
 *
 * ```ts
 * ctx.extensions.contribute(KPIS, defineKpi({
 *   id: 'gmv', label: 'GMV', unit: 'minor-units', aggregate: 'sum',
 *   async measure(period) {
 *     const rows = await gmvByTenant(period.from, period.to);
 *     return { byTenant: Object.fromEntries(rows.map((r) => [r.tenantId, r.total])) };
 *   },
 * }));
 * ```
 */

/** One calendar month (UTC): `from` inclusive, `to` exclusive; `month` is `YYYY-MM`. */
export interface KpiPeriod {
  month: string;
  from: Date;
  to: Date;
}

export type KpiUnit = 'count' | 'percent' | 'ms' | 'minor-units';

/**
 * A month's measurement. `total`: the platform-wide figure (derived from `byTenant` with `aggregate` when absent).
 * `byTenant`: tenant id → value (the drill-down). `breakdown`: label → value (per meter, per plan...).
 */
export interface KpiMeasurement {
  total?: number | null;
  byTenant?: Record<string, number>;
  breakdown?: Record<string, number>;
}

export interface KpiDefinition {
  /** Stable, kebab-case. */
  id: string;
  label: string;
  description?: string;
  unit: KpiUnit;
  /** How the total is derived from `byTenant` when the KPI gives none: `sum`, `average` or `count` (tenants with a value > 0). */
  aggregate: 'sum' | 'average' | 'count';
  measure(period: KpiPeriod): Promise<KpiMeasurement>;
}

/** KPIs across tenants; owned by the `customer-success` plugin. */
export const KPIS: ExtensionPoint<KpiDefinition> = defineExtensionPoint<KpiDefinition>('customer-success.kpis');

export function defineKpi<T extends KpiDefinition>(kpi: T): T {
  return kpi;
}

/** The calendar month (UTC) containing `at`, or `offset` months before or after it. */
export function kpiPeriodOf(at: Date, offset = 0): KpiPeriod {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return { month: from.toISOString().slice(0, 7), from, to };
}
