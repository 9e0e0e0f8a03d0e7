import type { UpgradeHint } from '@platform/sdk/entitlements';
import type { Plan } from '../entities/plan.ts';
import { planSummaryOf } from '../entities/plan.ts';
import { isFeatureEntitled } from './feature-entitlement.ts';

/** Price per month in minor units, to compare monthly and annual plans. */
export function monthlyPriceOf(plan: Pick<Plan, 'priceAmount' | 'interval'>): number {
  return plan.interval === 'annual' ? plan.priceAmount / 12 : plan.priceAmount;
}

export type UpgradeNeed = { kind: 'meter'; meter: string; needed: number } | { kind: 'feature'; feature: string };

/** Whether the plan would allow the need: a quota that covers it (or none = unlimited, or soft), or the feature. */
export function planCovers(plan: Plan, need: UpgradeNeed): boolean {
  if (need.kind === 'feature') return isFeatureEntitled(plan, need.feature);
  const quota = plan.quotas[need.meter];
  if (quota === undefined || quota === null) return true;
  return quota >= need.needed || plan.limitTypes[need.meter] === 'soft';
}

/**
 * The cheapest active plan that allows what was refused and costs at least as much per month as the
 * current one (an upgrade, never a downgrade).
 */
export function suggestUpgrade(plans: Plan[], current: Plan | null, need: UpgradeNeed): UpgradeHint {
  const floor = current ? monthlyPriceOf(current) : 0;
  const candidates = plans
    .filter((p) => !p.archived && p.id !== current?.id && monthlyPriceOf(p) >= floor && planCovers(p, need))
    .sort((a, b) => monthlyPriceOf(a) - monthlyPriceOf(b) || a.sortOrder - b.sortOrder || a.key.localeCompare(b.key));
  const best = candidates[0];
  const what = need.kind === 'feature' ? `"${need.feature}"` : `${need.needed} ${need.meter}`;
  if (!best) return { message: `No plan includes ${what}; contact sales.`, plan: null };
  return { message: `Upgrade to the ${best.name} plan to get ${what}.`, plan: planSummaryOf(best) };
}
