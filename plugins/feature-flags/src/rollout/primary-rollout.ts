import type { FlagTargeting } from '../engine/index.ts';

/**
 * The targeting with its primary rollout rule (the first rule, when it has no constraints) at
 * `percentage`; a rule sticky on `userId` is put first when there is none.
 */
export function withPrimaryRollout(targeting: FlagTargeting, percentage: number): FlagTargeting {
  const rules = targeting.rollouts ?? [];
  const first = rules[0];
  if (first && (first.constraints?.length ?? 0) === 0) return { ...targeting, rollouts: [{ ...first, percentage }, ...rules.slice(1)] };
  return { ...targeting, rollouts: [{ percentage, stickiness: 'userId' }, ...rules] };
}
