export { contextFromUnleashContext } from './context-from-unleash.ts';
export { flagFromUnleashFeature, type UnleashFeatureMapping } from './flag-from-unleash.ts';
export { UNLEASH_DISABLED_VARIANT, unleashVariantFromEvaluation } from './unleash-variant.ts';
export type {
  UnleashConstraint,
  UnleashContext,
  UnleashFeature,
  UnleashSegment,
  UnleashStrategy,
  UnleashVariant,
  UnleashVariantResult,
} from './unleash-types.ts';
export { unleashClientFeatures, unleashFeatureOf, withSharedSegments, type UnleashClientFeatures, type UnleashExportScope } from './unleash-export.ts';
