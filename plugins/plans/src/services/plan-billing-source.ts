import type { BilledPlan, PlanBillingSource, PlanChangeProration, TenantWindow } from '@platform/sdk/entitlements';
import type { PlansDeps } from './plans-deps.ts';

const unnestWindows = `SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS w(tenant_id, w_start, w_end)`;

function windowParams(windows: readonly TenantWindow[]): unknown[] {
  return [windows.map((w) => w.tenantId), windows.map((w) => w.start.toISOString()), windows.map((w) => w.end.toISOString())];
}

/**
 * The plans side of billing (`PLAN_BILLING_SOURCE`): bulk reads of the plan in force, the prorations stored on
 * plan changes, and usage per window. One query each, whatever the number of tenants.
 */
export function createPlanBillingSource(deps: () => PlansDeps): PlanBillingSource {
  return {
    meters: () => deps().meters.all(),

    async plansAt(tenantIds, at) {
      const out = new Map<string, BilledPlan>();
      if (!tenantIds.length) return out;
      const d = deps();
      const rows = await d.db.sql<{ tenant_id: string; plan_id: string; key: string; name: string; price_amount: number; currency: string; billing_interval: 'monthly' | 'annual'; quotas: Record<string, number>; billing_anchor: Date; trial_ends_at: Date | null }>(
        `SELECT a.tenant_id::text AS tenant_id, p.id::text AS plan_id, p.key, p.name, p.price_amount, p.currency, p.billing_interval, p.quotas,
                a.billing_anchor, a.trial_ends_at
           FROM plans_assignments a JOIN plans_plans p ON p.id = a.plan_id
          WHERE a.tenant_id = ANY($1::uuid[]) AND a.effective_from <= $2 AND (a.effective_to IS NULL OR a.effective_to > $2)`,
        [tenantIds, at.toISOString()],
      );
      for (const r of rows) {
        out.set(r.tenant_id, {
          tenantId: r.tenant_id,
          planId: r.plan_id,
          planKey: r.key,
          planName: r.name,
          priceMinor: Number(r.price_amount),
          currency: r.currency,
          interval: r.billing_interval,
          quotas: r.quotas ?? {},
          anchor: new Date(r.billing_anchor).toISOString(),
          inTrial: !!r.trial_ends_at && new Date(r.trial_ends_at).getTime() > at.getTime(),
        });
      }
      return out;
    },

    async prorationsIn(windows) {
      if (!windows.length) return [];
      const rows = await deps().db.sql<{ tenant_id: string; id: string; effective_from: Date; to_name: string; to_interval: 'monthly' | 'annual'; from_name: string | null; proration: any }>(
        `WITH w AS (${unnestWindows})
         SELECT a.tenant_id::text AS tenant_id, a.id::text AS id, a.effective_from, p.name AS to_name, p.billing_interval AS to_interval, fp.name AS from_name, a.proration
           FROM plans_assignments a
           JOIN w ON w.tenant_id = a.tenant_id AND a.effective_from >= w.w_start AND a.effective_from < w.w_end
           JOIN plans_plans p ON p.id = a.plan_id
           LEFT JOIN plans_assignments prev ON prev.tenant_id = a.tenant_id AND prev.effective_to = a.effective_from
           LEFT JOIN plans_plans fp ON fp.id = prev.plan_id
          WHERE a.proration IS NOT NULL
          ORDER BY a.effective_from, a.id`,
        windowParams(windows),
      );
      return rows.map((r): PlanChangeProration => ({
        tenantId: r.tenant_id,
        changeId: r.id,
        changedAt: new Date(r.effective_from).toISOString(),
        fromPlanName: r.from_name,
        toPlanName: r.to_name,
        toInterval: r.to_interval,
        currency: r.proration.currency,
        creditMinor: Number(r.proration.credit),
        chargeMinor: Number(r.proration.charge),
        netMinor: Number(r.proration.net),
      }));
    },

    async usageIn(windows) {
      const out = new Map<string, Record<string, number>>();
      if (!windows.length) return out;
      const rows = await deps().db.sql<{ tenant_id: string; meter: string; used: string }>(
        `WITH w AS (${unnestWindows})
         SELECT r.tenant_id::text AS tenant_id, r.meter, SUM(r.quantity)::text AS used
           FROM plans_usage_records r JOIN w ON w.tenant_id = r.tenant_id AND r.at >= w.w_start AND r.at < w.w_end
          GROUP BY r.tenant_id, r.meter`,
        windowParams(windows),
      );
      for (const r of rows) {
        const perMeter = out.get(r.tenant_id) ?? {};
        perMeter[r.meter] = Number(r.used);
        out.set(r.tenant_id, perMeter);
      }
      return out;
    },
  };
}
