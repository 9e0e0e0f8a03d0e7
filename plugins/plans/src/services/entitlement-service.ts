import { ProblemError, type EntityManager } from '@platform/sdk';
import { type EntitlementChecker, type EntitlementDecision } from '@platform/sdk/entitlements';
import { PlanEntity, planSummaryOf, type Plan } from '../entities/plan.ts';
import { checkEntitlement } from '../entitlements/check-entitlement.ts';
import { isFeatureEntitled } from '../entitlements/feature-entitlement.ts';
import { suggestUpgrade, type UpgradeNeed } from '../entitlements/upgrade-hint.ts';
import { usagePeriodOf } from '../meters/usage-period.ts';
import { loadGovernance } from './governance-store.ts';
import { limitTypeOf, loadPlanState, quotaOf } from './plan-state.ts';
import type { PlansDeps } from './plans-deps.ts';
import { usedInPeriod } from './usage-totals.ts';

async function activePlans(em: EntityManager): Promise<Plan[]> {
  return em.find(PlanEntity, { archived: false } as any);
}

/**
 * The `entitlements` service. Every call reads the tenant's current assignment and plan from the
 * database (no cache), so a plan change or a quota edit applies to the very next check.
 */
export function createEntitlementChecker(deps: () => PlansDeps): EntitlementChecker {
  return {
    async check(tenantId, key, quantity = 1): Promise<EntitlementDecision> {
      const d = deps();
      if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0)
        throw new ProblemError(400, 'validation_failed', 'quantity must be a whole number >= 0', { field: 'quantity' });
      return decideEntitlement(d, d.db.forTenant(tenantId), tenantId, key, quantity);
    },
  };
}

/** The entitlement decision, read with `em` (inside the caller's transaction and locks, for `usage.consume`). */
export async function decideEntitlement(d: PlansDeps, em: EntityManager, tenantId: string, key: string, quantity: number): Promise<EntitlementDecision> {
  const at = d.now();
  const state = await loadPlanState(em, tenantId, at, await loadGovernance(em));
  const plan = state.plan ? planSummaryOf(state.plan) : null;
  const upgradeFor = async (need: UpgradeNeed) => suggestUpgrade(await activePlans(em), state.plan, need);

  const meter = d.meters.get(key);
  if (!meter) {
    const allowed = isFeatureEntitled(state.plan, key);
    return {
      allowed, key, kind: 'feature', reason: allowed ? 'entitled' : 'not_entitled',
      limit: null, used: 0, requested: quantity, remaining: null, limitType: null, plan, period: null,
      upgrade: allowed ? null : await upgradeFor({ kind: 'feature', feature: key }),
    };
  }
  const limit = quotaOf(state, key);
  const period = usagePeriodOf(meter.resets, state.anchor, state.interval, at);
  const used = await usedInPeriod(d.db, em, tenantId, key, period);
  const verdict = checkEntitlement({ limit, limitType: limitTypeOf(state, key), used, requested: quantity });
  return {
    ...verdict,
    key, kind: 'meter', limit, used, requested: quantity, plan,
    period: { start: period.start?.toISOString() ?? null, end: period.end?.toISOString() ?? null },
    upgrade: verdict.allowed ? null : await upgradeFor({ kind: 'meter', meter: key, needed: used + quantity }),
  };
}
