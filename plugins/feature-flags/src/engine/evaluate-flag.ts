import type { EvaluationContext } from './context.ts';
import { NO_VARIANT_NAME, type ParentLookup } from './dependency.ts';
import { isOn } from './is-on.ts';
import {
  FlagDefinitionError,
  type EvaluationReason,
  type EvaluationResult,
  type EvaluationRule,
} from './evaluation-result.ts';
import type { FlagDefinition, FlagTargeting, FlagValue, RolloutRule, VariantPayload } from './flag.ts';
import { matchRollout } from './match-rollout.ts';
import { findTenantOverride, findUserOverride, type FlagOverride } from './override.ts';
import { isWithinSchedule } from './schedule.ts';
import { selectVariant, type VariantSelection } from './select-variant.ts';
import { DEFAULT_STICKINESS, type RandomSource } from './stickiness.ts';
import { matchesValueType } from './value-type.ts';

export interface EvaluationOptions {
  /** The evaluation instant: schedule, override expiry, DATE_* on `currentTime`. Default: the clock. */
  now?: Date | number;
  /** This flag's per-tenant and per-user overrides; ones carrying another flagKey are ignored. */
  overrides?: readonly FlagOverride[];
  /** Source for `random` stickiness, [0, 1). Default Math.random. */
  random?: RandomSource;
  /** Looks up parent flags for `dependencies`; without it, a flag with dependencies is off. */
  parents?: ParentLookup;
}

const NO_TARGETING: FlagTargeting = {};

/**
 * Evaluates a flag for a context. Pure: no I/O; the same flag, context, overrides and `now`
 * give the same result (unless a stickiness chain reaches `random`). Order:
 *  1. archived or disabled: the default value (DISABLED);
 *  2. outside the schedule window: the default value (DEFAULT);
 *  3. an active user override, 4. an active tenant override: its value (TARGETING_MATCH);
 *  5. a disabled tenant: the default value (TARGETING_MATCH);
 *  6. an enabled tenant, or a tenant on an enabled plan; 7. an enabled user: on (TARGETING_MATCH);
 *  8. the first matching rollout rule: on (SPLIT below 100%, else TARGETING_MATCH);
 *  9. when on: the rule's variants, else the flag's, pick the variant (SPLIT, or TARGETING_MATCH by override);
 * 10. targeting configured but nothing matched: the default value (DEFAULT); no enabling
 *     targeting at all: on for everyone (STATIC).
 * A definition that cannot be evaluated, or a served value of the wrong type, gives the
 * default value with reason ERROR.
 */
export function evaluateFlag(
  flag: FlagDefinition,
  context: EvaluationContext,
  options: EvaluationOptions = {},
): EvaluationResult {
  try {
    return evaluateInOrder(flag, context, options);
  } catch (error) {
    return {
      value: flag.defaultValue,
      variant: null,
      reason: 'ERROR',
      rule: 'error',
      errorCode: error instanceof FlagDefinitionError ? error.code : 'GENERAL',
      errorMessage: error instanceof Error ? error.message : String(error),
    };
  }
}

function evaluateInOrder(flag: FlagDefinition, context: EvaluationContext, options: EvaluationOptions): EvaluationResult {
  if (flag.archived) return defaultResult(flag, 'DISABLED', 'archived');
  if (!flag.enabled) return defaultResult(flag, 'DISABLED', flag.killSwitch ? 'kill_switch' : 'disabled');
  if (flag.dependencies && flag.dependencies.length > 0 && !dependenciesSatisfied(flag, context, options)) {
    return defaultResult(flag, 'DISABLED', 'dependency');
  }

  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  const random = options.random ?? Math.random;
  const targeting = flag.targeting ?? NO_TARGETING;

  if (targeting.schedule && !isWithinSchedule(targeting.schedule, now)) return defaultResult(flag, 'DEFAULT', 'schedule');

  const overrides = options.overrides;
  if (overrides && overrides.length > 0) {
    const userOverride = findUserOverride(overrides, flag.key, context, now);
    if (userOverride) return overrideResult(flag, userOverride, 'user_override');
    const tenantOverride = findTenantOverride(overrides, flag.key, context, now);
    if (tenantOverride) return overrideResult(flag, tenantOverride, 'tenant_override');
  }

  const { tenantId, userId, plan } = context;
  if (tenantId !== undefined && targeting.disabledTenants?.includes(tenantId)) {
    return defaultResult(flag, 'TARGETING_MATCH', 'disabled_tenant');
  }
  if (tenantId !== undefined && targeting.enabledTenants?.includes(tenantId)) {
    return onResult(flag, context, random, 'enabled_tenant', 'TARGETING_MATCH');
  }
  if (plan !== undefined && targeting.enabledPlans?.includes(plan)) {
    return onResult(flag, context, random, 'enabled_plan', 'TARGETING_MATCH');
  }
  if (userId !== undefined && targeting.enabledUsers?.includes(userId)) {
    return onResult(flag, context, random, 'enabled_user', 'TARGETING_MATCH');
  }

  const rollouts = targeting.rollouts;
  if (rollouts) {
    for (let index = 0; index < rollouts.length; index++) {
      const rule = rollouts[index];
      if (!matchRollout(rule, flag.key, context, now, random)) continue;
      const reason = rule.percentage !== undefined && rule.percentage < 100 ? 'SPLIT' : 'TARGETING_MATCH';
      return onResult(flag, context, random, 'rollout', reason, rule, index);
    }
  }

  if (hasEnablingTargeting(targeting)) return defaultResult(flag, 'DEFAULT', 'default');
  return targeting.schedule
    ? onResult(flag, context, random, 'schedule', 'TARGETING_MATCH')
    : onResult(flag, context, random, 'everyone', 'STATIC');
}

/** Every parent requirement holds for the context (Unleash: a parent with dependencies of its own satisfies nothing). */
function dependenciesSatisfied(flag: FlagDefinition, context: EvaluationContext, options: EvaluationOptions): boolean {
  const parents = options.parents;
  if (!parents) return false;
  for (const dependency of flag.dependencies!) {
    const parent = parents(dependency.flag);
    if (!parent || (parent.flag.dependencies && parent.flag.dependencies.length > 0)) return false;
    const parentOptions: EvaluationOptions = { ...options, overrides: parent.overrides };
    const result = evaluateFlag(parent.flag, context, parentOptions);
    const on = isOn(parent.flag, result);
    if (dependency.enabled === false) {
      if (on) return false;
      continue;
    }
    if (!on) return false;
    if (dependency.variants && dependency.variants.length > 0 && !dependency.variants.includes(result.variant ?? NO_VARIANT_NAME)) {
      return false;
    }
  }
  return true;
}

/** Lists or rollout rules that switch the flag on for some contexts only. */
function hasEnablingTargeting(targeting: FlagTargeting): boolean {
  return (
    (targeting.enabledTenants?.length ?? 0) > 0 ||
    (targeting.enabledPlans?.length ?? 0) > 0 ||
    (targeting.enabledUsers?.length ?? 0) > 0 ||
    (targeting.rollouts?.length ?? 0) > 0
  );
}

function enabledValue(flag: FlagDefinition): FlagValue {
  if (flag.enabledValue !== undefined) return flag.enabledValue;
  return flag.valueType === 'boolean' ? true : flag.defaultValue;
}

function defaultResult(flag: FlagDefinition, reason: EvaluationReason, rule: EvaluationRule): EvaluationResult {
  return { value: flag.defaultValue, variant: null, reason, rule };
}

/** The flag is on for the context: pick a variant (step 9) and serve its value or the enabled value. */
function onResult(
  flag: FlagDefinition,
  context: EvaluationContext,
  random: RandomSource,
  rule: EvaluationRule,
  reason: EvaluationReason,
  rolloutRule?: RolloutRule,
  ruleIndex?: number,
): EvaluationResult {
  let selection: VariantSelection | undefined;
  if (rolloutRule?.variants) {
    selection = selectVariant(
      rolloutRule.variants,
      { stickiness: rolloutRule.stickiness ?? DEFAULT_STICKINESS, groupId: rolloutRule.groupId ?? flag.key },
      context,
      random,
    );
  }
  const flagVariants = flag.targeting?.variants;
  if (!selection && flagVariants) {
    selection = selectVariant(flagVariants, { stickiness: DEFAULT_STICKINESS, groupId: flag.key }, context, random);
  }
  if (!selection) return servedResult(flag, enabledValue(flag), null, undefined, reason, rule, ruleIndex);
  const { variant } = selection;
  return servedResult(
    flag,
    variant.value !== undefined ? variant.value : enabledValue(flag),
    variant.name,
    variant.payload,
    selection.byOverride ? 'TARGETING_MATCH' : 'SPLIT',
    rule === 'everyone' ? 'variant' : rule,
    ruleIndex,
  );
}

function overrideResult(flag: FlagDefinition, override: FlagOverride, rule: EvaluationRule): EvaluationResult {
  const variantName = override.variant ?? null;
  const payload = variantName === null ? undefined : variantPayload(flag, variantName);
  return servedResult(flag, override.value, variantName, payload, 'TARGETING_MATCH', rule);
}

/** The payload of the flag's (or one of its rollout rules') variant named `name`. */
function variantPayload(flag: FlagDefinition, name: string): VariantPayload | undefined {
  const splits = [flag.targeting?.variants, ...(flag.targeting?.rollouts ?? []).map((rule) => rule.variants)];
  for (const split of splits) {
    const variant = split?.variants.find((candidate) => candidate.name === name);
    if (variant) return variant.payload;
  }
  return undefined;
}

function servedResult(
  flag: FlagDefinition,
  value: FlagValue,
  variant: string | null,
  payload: VariantPayload | undefined,
  reason: EvaluationReason,
  rule: EvaluationRule,
  ruleIndex?: number,
): EvaluationResult {
  if (!matchesValueType(value, flag.valueType)) {
    return {
      value: flag.defaultValue,
      variant: null,
      reason: 'ERROR',
      rule,
      errorCode: 'TYPE_MISMATCH',
      errorMessage: `rule ${rule} serves ${JSON.stringify(value)}, not a ${flag.valueType}`,
    };
  }
  const result: EvaluationResult = { value, variant, reason, rule };
  if (payload !== undefined) result.payload = payload;
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  return result;
}
