import type { EvaluationResult } from '../engine/evaluation-result.ts';
import type { UnleashVariantResult } from './unleash-types.ts';

/** Unleash's answer for a missing or disabled toggle. */
export const UNLEASH_DISABLED_VARIANT: UnleashVariantResult = { name: 'disabled', enabled: false, feature_enabled: false };

/** The `getVariant` answer of an Unleash SDK for the evaluation of a flag mapped by `flagFromUnleashFeature`. */
export function unleashVariantFromEvaluation(result: EvaluationResult): UnleashVariantResult {
  const featureEnabled = result.value === true;
  if (!featureEnabled || result.variant === null) {
    return { name: 'disabled', enabled: false, feature_enabled: featureEnabled };
  }
  const variant: UnleashVariantResult = { name: result.variant, enabled: true, feature_enabled: true };
  if (result.payload) variant.payload = { type: result.payload.type, value: result.payload.value };
  return variant;
}
