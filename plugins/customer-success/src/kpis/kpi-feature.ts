import type { PluginContext, RegisterContext } from '@platform/sdk';
import { KPIS } from '@platform/sdk/customer-health';
import { contributeActivityKpis } from './activity-kpis.ts';
import { addKpiRoutes } from './kpi-routes.ts';
import { KpiSnapshotter, defineKpiSnapshotJob } from './kpi-snapshotter.ts';
import { KpiStore } from './kpi-store.ts';
import { addRecommendationRoutes } from '../recommendations/recommendation-routes.ts';

/** Cross-tenant KPIs (issue 21, item 4): declares the `KPIS` extension point. */
export function registerKpis(ctx: RegisterContext): void {
  ctx.extensions.declare(KPIS);
}

/**
 * Its own KPIs (active tenants, MAU), the routes and the `customer-success.kpi-snapshots` job; and the
 * recommendations (issue 21, item 6), whose error rule reads the KPI snapshots.
 */
export function bootKpis(ctx: PluginContext, clock: () => Date): KpiSnapshotter {
  const store = new KpiStore(ctx.db);
  const snapshotter = new KpiSnapshotter(ctx, store, clock);
  contributeActivityKpis(ctx);
  addKpiRoutes(ctx, store, snapshotter);
  defineKpiSnapshotJob(ctx, snapshotter);
  addRecommendationRoutes(ctx, store, clock);
  return snapshotter;
}
