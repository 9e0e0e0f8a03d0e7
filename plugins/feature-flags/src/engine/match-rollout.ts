import type { EvaluationContext } from './context.ts';
import type { RolloutRule } from './flag.ts';
import { matchConstraints } from './match-constraint.ts';
import { ROLLOUT_SEED } from './normalized-hash.ts';
import { DEFAULT_STICKINESS, stickinessBucket, type RandomSource } from './stickiness.ts';

/**
 * Whether the context is in the rollout rule: its constraints match and, when the rule has
 * a percentage, the context's bucket `murmur3("groupId:stickinessValue", 0) % 100 + 1` is at
 * most that percentage (Unleash's flexibleRollout). 0% matches nobody.
 */
export function matchRollout(
  rule: RolloutRule,
  flagKey: string,
  context: EvaluationContext,
  now: number,
  random: RandomSource,
): boolean {
  if (!matchConstraints(rule.constraints, context, now)) return false;
  if (rule.percentage === undefined) return true;
  if (!(rule.percentage > 0)) return false;
  const bucket = stickinessBucket(
    rule.stickiness ?? DEFAULT_STICKINESS,
    rule.groupId ?? flagKey,
    100,
    ROLLOUT_SEED,
    context,
    random,
  );
  return bucket !== undefined && bucket <= rule.percentage;
}
