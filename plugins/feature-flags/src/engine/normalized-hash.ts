import { murmurHash3Joined } from './murmurhash3.ts';

/** Unleash's seed for rollout buckets. */
export const ROLLOUT_SEED = 0;
/** Unleash's seed for variant buckets, so a context's variant does not follow its rollout bucket. */
export const VARIANT_SEED = 86028157;

/**
 * The bucket, 1..normalizer, of `identifier` in `groupId`: MurmurHash3 x86 32-bit of
 * `groupId:identifier` modulo `normalizer`, plus one (Unleash's `normalizedValue`).
 */
export function normalizedHash(identifier: string, groupId: string, normalizer: number, seed = ROLLOUT_SEED): number {
  return (murmurHash3Joined(groupId, identifier, seed) % normalizer) + 1;
}
