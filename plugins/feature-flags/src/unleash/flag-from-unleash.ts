import { CONSTRAINT_OPERATORS, type Constraint, type ConstraintOperator } from '../engine/constraint.ts';
import type { FlagDefinition, FlagType, FlagVariant, RolloutRule, VariantSplit } from '../engine/flag.ts';
import type { FlagDependency } from '../engine/dependency.ts';
import type { Stickiness } from '../engine/stickiness.ts';
import type {
  UnleashConstraint,
  UnleashFeature,
  UnleashSegment,
  UnleashStrategy,
  UnleashVariant,
} from './unleash-types.ts';

/** The mapped flag, or why the feature cannot be expressed in our model. */
export type UnleashFeatureMapping = { flag: FlagDefinition } | { unsupported: string };

/** Unleash's `default` stickiness for rollouts (flexibleRollout). */
const ROLLOUT_DEFAULT_STICKINESS: Stickiness = ['userId', 'sessionId', 'random'];
/** Unleash's `default` stickiness for variants; with none present the engine picks a random bucket, as Unleash does. */
const VARIANT_DEFAULT_STICKINESS: Stickiness = ['userId', 'sessionId', 'remoteAddress'];
/** A rule that matches nobody: how Unleash treats a strategy it cannot evaluate (unknown operator, missing segment). */
const MATCHES_NOBODY: RolloutRule = { percentage: 0 };

const KNOWN_OPERATORS = new Set<string>(CONSTRAINT_OPERATORS);

class UnsupportedFeature extends Error {}

/**
 * Maps an Unleash feature toggle to a boolean flag: each strategy becomes a rollout rule
 * (strategies are OR-ed, so are rollout rules), strategy constraints and segment constraints
 * become rule constraints, feature variants become the flag's variant split and strategy
 * variants the rule's. An Unleash toggle's `isEnabled` is then `evaluateFlag(...).value`.
 */
export function flagFromUnleashFeature(
  feature: UnleashFeature,
  segments: readonly UnleashSegment[] = [],
): UnleashFeatureMapping {
  try {
    const segmentsById = new Map(segments.map((segment) => [segment.id, segment]));
    const rollouts = (feature.strategies ?? []).map((strategy) => rolloutFromStrategy(strategy, feature, segmentsById));
    const flag: FlagDefinition = {
      key: feature.name,
      name: feature.name,
      type: flagType(feature),
      valueType: 'boolean',
      defaultValue: false,
      enabledValue: true,
      enabled: feature.enabled,
      targeting: { rollouts },
    };
    if (typeof feature.description === 'string') flag.description = feature.description;
    if (feature.dependencies && feature.dependencies.length > 0) flag.dependencies = feature.dependencies.map(dependencyFromUnleash);
    if (feature.variants && feature.variants.length > 0) {
      flag.targeting!.variants = variantSplit(feature.variants, variantStickiness(feature.variants[0].stickiness), feature.name);
    }
    return { flag };
  } catch (error) {
    if (error instanceof UnsupportedFeature) return { unsupported: error.message };
    throw error;
  }
}

function flagType(feature: UnleashFeature): FlagType {
  if (feature.variants && feature.variants.length > 0) return 'variant';
  const names = new Set((feature.strategies ?? []).map((strategy) => strategy.name));
  if (names.size === 1 && names.has('userWithId')) return 'user_list';
  for (const name of names) if (name !== 'default') return 'percentage';
  return 'boolean';
}

function rolloutFromStrategy(
  strategy: UnleashStrategy,
  feature: UnleashFeature,
  segmentsById: ReadonlyMap<number, UnleashSegment>,
): RolloutRule {
  if (strategy.disabled) return MATCHES_NOBODY;
  const parameters = strategy.parameters ?? {};
  const unleashConstraints = [...(strategy.constraints ?? [])];
  for (const id of strategy.segments ?? []) {
    const segment = segmentsById.get(id);
    if (!segment) return MATCHES_NOBODY;
    unleashConstraints.push(...segment.constraints);
  }
  const constraints: Constraint[] = [];
  for (const unleashConstraint of unleashConstraints) {
    const constraint = constraintFromUnleash(unleashConstraint);
    if (!constraint) return MATCHES_NOBODY;
    constraints.push(constraint);
  }

  let rule: RolloutRule;
  switch (strategy.name) {
    case 'default':
      rule = {};
      break;
    case 'userWithId':
      constraints.push({ contextName: 'userId', operator: 'IN', values: listParameter(parameters.userIds) });
      rule = {};
      break;
    case 'remoteAddress':
      if (!parameters.IPs) return MATCHES_NOBODY;
      constraints.push({ contextName: 'remoteAddress', operator: 'IN_CIDR', values: listParameter(parameters.IPs) });
      rule = {};
      break;
    case 'gradualRolloutUserId':
      rule = { percentage: Number(parameters.percentage), stickiness: 'userId', groupId: String(parameters.groupId ?? '') };
      break;
    case 'gradualRolloutSessionId':
      rule = { percentage: Number(parameters.percentage), stickiness: 'sessionId', groupId: String(parameters.groupId ?? '') };
      break;
    case 'gradualRolloutRandom':
      rule = { percentage: Number(parameters.percentage), stickiness: 'random' };
      break;
    case 'flexibleRollout':
      rule = {
        percentage: Number(parameters.rollout),
        stickiness: rolloutStickiness(parameters.stickiness),
        // unleash-client: `parameters.groupId || context.featureToggle || ''`, and it never sets featureToggle.
        groupId: parameters.groupId ? String(parameters.groupId) : '',
      };
      break;
    default:
      throw new UnsupportedFeature(`strategy "${strategy.name}" is not expressible in the model`);
  }
  if (constraints.length > 0) rule.constraints = constraints;
  if (strategy.variants && strategy.variants.length > 0) {
    // Unleash: the first variant's stickiness, else the strategy's; the strategy's groupId interpolated
    // as unleash-client does (`${groupId}:${id}`: a missing one hashes as "undefined").
    const stickiness = variantStickiness(strategy.variants[0].stickiness || stringParameter(parameters.stickiness));
    rule.variants = variantSplit(strategy.variants, stickiness, String(parameters.groupId));
  }
  return rule;
}

/** Our constraint, or undefined for an operator Unleash clients do not know either (it never matches). */
function constraintFromUnleash(unleash: UnleashConstraint): Constraint | undefined {
  if (!KNOWN_OPERATORS.has(unleash.operator)) return undefined;
  const constraint: Constraint = { contextName: unleash.contextName, operator: unleash.operator as ConstraintOperator };
  if (unleash.values !== undefined) constraint.values = unleash.values;
  if (unleash.value !== undefined) constraint.value = String(unleash.value);
  if (unleash.inverted) constraint.inverted = true;
  if (unleash.caseInsensitive) constraint.caseInsensitive = true;
  return constraint;
}

function dependencyFromUnleash(unleash: { feature: string; enabled?: boolean; variants?: string[] }): FlagDependency {
  const dependency: FlagDependency = { flag: unleash.feature };
  if (unleash.enabled === false) dependency.enabled = false;
  if (unleash.variants && unleash.variants.length > 0) dependency.variants = [...unleash.variants];
  return dependency;
}

function variantSplit(variants: readonly UnleashVariant[], stickiness: Stickiness, groupId: string): VariantSplit {
  return { stickiness, groupId, variants: variants.map(variantFromUnleash) };
}

function variantFromUnleash(unleash: UnleashVariant): FlagVariant {
  const variant: FlagVariant = { name: unleash.name, weight: Number(unleash.weight) };
  if (unleash.payload) {
    variant.payload = { type: unleash.payload.type as 'string' | 'json' | 'csv' | 'number', value: unleash.payload.value };
  }
  if (unleash.overrides && unleash.overrides.length > 0) {
    variant.overrides = unleash.overrides.map((override) => ({ contextName: override.contextName, values: override.values }));
  }
  return variant;
}

function rolloutStickiness(stickiness: string | number | undefined): Stickiness {
  if (stickiness === undefined || stickiness === '' || stickiness === 'default') return ROLLOUT_DEFAULT_STICKINESS;
  return String(stickiness);
}

function variantStickiness(stickiness: string | undefined): Stickiness {
  if (!stickiness || stickiness === 'default') return VARIANT_DEFAULT_STICKINESS;
  return stickiness;
}

function stringParameter(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Unleash's comma-separated list parameters (`userIds`, `IPs`). */
function listParameter(value: string | number | undefined): string[] {
  if (value === undefined) return [];
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
