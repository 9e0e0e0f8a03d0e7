export type {
  FlagDefinition,
  FlagTargeting,
  FlagType,
  FlagValue,
  FlagValueType,
  FlagVariant,
  JsonValue,
  RolloutRule,
  ScheduleWindow,
  VariantOverride,
  VariantPayload,
  VariantSplit,
} from './flag.ts';
export { CONSTRAINT_OPERATORS, type Constraint, type ConstraintOperator } from './constraint.ts';
export { contextValue, type ContextPropertyValue, type EvaluationContext } from './context.ts';
export type { FlagOverride, TenantOverride, UserOverride } from './override.ts';
export { findTenantOverride, findUserOverride, isOverrideActive } from './override.ts';
export {
  FlagDefinitionError,
  type EvaluationErrorCode,
  type EvaluationReason,
  type EvaluationResult,
  type EvaluationRule,
} from './evaluation-result.ts';
export { evaluateFlag, type EvaluationOptions } from './evaluate-flag.ts';
export { matchConstraint, matchConstraints } from './match-constraint.ts';
export { matchRollout } from './match-rollout.ts';
export { selectVariant, type VariantSelection, type VariantSplitDefaults } from './select-variant.ts';
export { isWithinSchedule, scheduleBounds, scheduleInstant } from './schedule.ts';
export { murmurHash3 } from './murmurhash3.ts';
export { normalizedHash, ROLLOUT_SEED, VARIANT_SEED } from './normalized-hash.ts';
export {
  DEFAULT_STICKINESS,
  RANDOM_STICKINESS,
  randomBucket,
  stickinessBucket,
  type RandomSource,
  type Stickiness,
} from './stickiness.ts';
export { compareSemver, parseSemver, type SemanticVersion } from './semver.ts';
export { ipRangeContains, parseIpAddress, parseIpRange, type IpAddress, type IpRange } from './ip-range.ts';
export { matchesValueType } from './value-type.ts';
export { NO_VARIANT_NAME, type FlagDependency, type ParentFlag, type ParentLookup } from './dependency.ts';
export { isOn } from './is-on.ts';
export { compileRegex, RegexSyntaxError } from './regex.ts';
