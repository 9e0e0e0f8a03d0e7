import { contextValue, type EvaluationContext } from './context.ts';
import { normalizedHash } from './normalized-hash.ts';

/**
 * Which context attribute keeps a context in the same bucket: a field name (`userId`,
 * `tenantId`, `sessionId`, any property) or `random`; or a fallback chain of them, the first
 * present one wins (Unleash's `default` is `['userId', 'sessionId', 'random']` for rollouts).
 */
export type Stickiness = string | readonly string[];

export const DEFAULT_STICKINESS = 'userId';
export const RANDOM_STICKINESS = 'random';

/** A number in [0, 1), as Math.random. */
export type RandomSource = () => number;

/**
 * The context's bucket (1..normalizer) for `stickiness` in `groupId`, or undefined when the
 * context has none of the attributes and the chain has no `random`.
 */
export function stickinessBucket(
  stickiness: Stickiness,
  groupId: string,
  normalizer: number,
  seed: number,
  context: EvaluationContext,
  random: RandomSource,
): number | undefined {
  if (typeof stickiness === 'string') return attributeBucket(stickiness, groupId, normalizer, seed, context, random);
  for (const attribute of stickiness) {
    const bucket = attributeBucket(attribute, groupId, normalizer, seed, context, random);
    if (bucket !== undefined) return bucket;
  }
  return undefined;
}

export function randomBucket(normalizer: number, random: RandomSource): number {
  return Math.floor(random() * normalizer) + 1;
}

function attributeBucket(
  attribute: string,
  groupId: string,
  normalizer: number,
  seed: number,
  context: EvaluationContext,
  random: RandomSource,
): number | undefined {
  if (attribute === RANDOM_STICKINESS) return randomBucket(normalizer, random);
  const value = contextValue(context, attribute);
  return value === undefined ? undefined : normalizedHash(value, groupId, normalizer, seed);
}
