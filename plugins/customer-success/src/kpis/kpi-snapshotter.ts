import type { PluginContext } from '@platform/sdk';
import { KPIS, effectiveHealthSignals, kpiPeriodOf, type KpiDefinition, type KpiPeriod } from '@platform/sdk/customer-health';
import { cleanValues, kpiTotal } from './kpi-math.ts';
import type { KpiSnapshot, KpiStore } from './kpi-store.ts';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** The KPIs in use (a later contribution of an id replaces an earlier one). */
export function kpiDefinitions(ctx: PluginContext): KpiDefinition[] {
  return effectiveHealthSignals(ctx.extensions.get(KPIS));
}

/** Measures every KPI for calendar months and stores the snapshots; a KPI that throws is stored with its error. */
export class KpiSnapshotter {
  constructor(private readonly ctx: PluginContext, private readonly store: KpiStore, readonly clock: () => Date) {}

  async snapshotMonth(period: KpiPeriod): Promise<KpiSnapshot[]> {
    const computedAt = this.clock().toISOString();
    return Promise.all(
      kpiDefinitions(this.ctx).map(async (kpi): Promise<KpiSnapshot> => {
        let snapshot: KpiSnapshot;
        try {
          const m = await kpi.measure(period);
          snapshot = { kpiId: kpi.id, month: period.month, total: kpiTotal(m, kpi.aggregate), byTenant: cleanValues(m.byTenant), breakdown: cleanValues(m.breakdown), error: null, computedAt };
        } catch (err) {
          this.ctx.logger.warn({ action: 'customer_success.kpi_failed', kpi: kpi.id, month: period.month, err }, 'KPI measurement failed');
          snapshot = { kpiId: kpi.id, month: period.month, total: null, byTenant: {}, breakdown: {}, error: messageOf(err), computedAt };
        }
        await this.store.save(snapshot);
        return snapshot;
      }),
    );
  }

  /** The current month and the `months - 1` before it, oldest first (a backfill; the job passes 2 to close last month). */
  async snapshotRecent(months: number): Promise<{ months: string[]; kpis: number }> {
    const now = this.clock();
    const done: string[] = [];
    for (let i = months - 1; i >= 0; i--) {
      const period = kpiPeriodOf(now, -i);
      await this.snapshotMonth(period);
      done.push(period.month);
    }
    return { months: done, kpis: kpiDefinitions(this.ctx).length };
  }
}

/** `customer-success.kpi-snapshots`, daily at 03:00 UTC: refreshes this month's snapshot and closes last month's. */
export function defineKpiSnapshotJob(ctx: PluginContext, snapshotter: KpiSnapshotter): void {
  ctx.jobs.define({
    name: 'kpi-snapshots',
    cron: '0 3 * * *',
    async handler() {
      const result = await snapshotter.snapshotRecent(2);
      ctx.logger.info({ action: 'customer_success.kpi_snapshots', ...result }, 'KPI snapshots stored');
    },
  });
}
