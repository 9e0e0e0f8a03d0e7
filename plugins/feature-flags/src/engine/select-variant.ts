import { contextValue, type EvaluationContext } from './context.ts';
import type { FlagVariant, VariantSplit } from './flag.ts';
import { VARIANT_SEED } from './normalized-hash.ts';
import { randomBucket, stickinessBucket, type RandomSource, type Stickiness } from './stickiness.ts';

export interface VariantSelection {
  variant: FlagVariant;
  /** True when a variant override picked it, false when the hash did. */
  byOverride: boolean;
}

/** Where the split's own stickiness and groupId fall back to. */
export interface VariantSplitDefaults {
  stickiness: Stickiness;
  groupId: string;
}

/**
 * Unleash's variant selection: no variant when the weights sum to 0 or less; else the first
 * variant whose override matches the context; else the variant whose cumulative weight first
 * reaches the bucket `murmur3("groupId:stickinessValue", 86028157) % totalWeight + 1`,
 * skipping zero weights. A context with no stickiness value gets a random bucket.
 */
export function selectVariant(
  split: VariantSplit,
  defaults: VariantSplitDefaults,
  context: EvaluationContext,
  random: RandomSource,
): VariantSelection | undefined {
  const { variants } = split;
  let totalWeight = 0;
  for (const variant of variants) totalWeight += variant.weight;
  if (!(totalWeight > 0)) return undefined;

  const overridden = findVariantOverride(variants, context);
  if (overridden) return { variant: overridden, byOverride: true };

  const bucket =
    stickinessBucket(
      split.stickiness ?? defaults.stickiness,
      split.groupId ?? defaults.groupId,
      totalWeight,
      VARIANT_SEED,
      context,
      random,
    ) ?? randomBucket(totalWeight, random);

  let cumulative = 0;
  for (const variant of variants) {
    if (variant.weight === 0) continue;
    cumulative += variant.weight;
    if (cumulative >= bucket) return { variant, byOverride: false };
  }
  return undefined;
}

function findVariantOverride(variants: readonly FlagVariant[], context: EvaluationContext): FlagVariant | undefined {
  for (const variant of variants) {
    if (!variant.overrides) continue;
    for (const override of variant.overrides) {
      const actual = contextValue(context, override.contextName);
      if (actual !== undefined && override.values.includes(actual)) return variant;
    }
  }
  return undefined;
}
