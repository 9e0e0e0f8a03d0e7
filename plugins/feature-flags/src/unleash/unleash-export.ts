import {
  isOverrideActive,
  isWithinSchedule,
  matchConstraint,
  ROLLOUT_SEED,
  stickinessBucket,
  type Constraint,
  type FlagDefinition,
  type FlagOverride,
  type RolloutRule,
  type Stickiness,
  type VariantSplit,
} from '../engine/index.ts';
import type { UnleashConstraint, UnleashFeature, UnleashSegment, UnleashStrategy, UnleashVariant } from './unleash-types.ts';

/**
 * Who the export is for. A tenant-bound caller (`tenantId`, with the tenant's `plan`) gets each flag
 * as that tenant sees it: tenant lists, plans, tenant constraints and tenant-sticky rollouts resolved,
 * that tenant's overrides applied. Without a tenant, tenant targeting stays as constraints on the
 * `tenantId` and `plan` context properties, and every tenant's overrides are included.
 */
export interface UnleashExportScope {
  tenantId?: string;
  plan?: string;
  /** Schedules and override expiries are decided at this instant (SDKs re-fetch on their poll). */
  now: number;
}

/** Unleash's Client API answer (`GET /api/client/features`, version 2 with global segments). */
export interface UnleashClientFeatures {
  version: 2;
  features: UnleashFeature[];
  segments: UnleashSegment[];
  query: { project: string[]; environment: string; inlineSegmentConstraints: false };
}

/** A rollout stickiness Unleash cannot express (a fallback chain other than its `default`). */
class NotExpressible extends Error {}

const DEFAULT_CHAIN = ['userId', 'sessionId', 'random'];
const VARIANT_DEFAULT_CHAIN = ['userId', 'sessionId', 'remoteAddress'];
const UNLEASH_VARIANT_SCALE = 1000;

const sameChain = (stickiness: Stickiness, chain: readonly string[]) =>
  Array.isArray(stickiness) && stickiness.length === chain.length && stickiness.every((name, i) => name === chain[i]);

function rolloutStickinessName(stickiness: Stickiness): string {
  if (typeof stickiness === 'string') return stickiness;
  if (sameChain(stickiness, DEFAULT_CHAIN)) return 'default';
  if (stickiness.length === 1) return stickiness[0];
  throw new NotExpressible();
}

function variantStickinessName(stickiness: Stickiness): string {
  if (typeof stickiness === 'string') return stickiness;
  if (sameChain(stickiness, VARIANT_DEFAULT_CHAIN)) return 'default';
  if (stickiness.length === 1) return stickiness[0];
  throw new NotExpressible();
}

const inList = (contextName: string, values: readonly string[]): UnleashConstraint => ({ contextName, operator: 'IN', values: [...values], inverted: false, caseInsensitive: false });

function unleashConstraint(constraint: Constraint): UnleashConstraint {
  const out: UnleashConstraint = { contextName: constraint.contextName, operator: constraint.operator, inverted: constraint.inverted === true, caseInsensitive: constraint.caseInsensitive === true };
  if (constraint.values !== undefined) out.values = [...constraint.values];
  if (constraint.value !== undefined) out.value = constraint.value;
  if (out.values === undefined) out.values = [];
  return out;
}

const negated = (constraint: UnleashConstraint): UnleashConstraint => ({ ...constraint, inverted: !constraint.inverted });

/**
 * Unleash strategies are OR-ed and the first enabled one wins. Our evaluation order also has steps
 * that switch a flag off for some contexts (an override to false, a disabled tenant); each becomes an
 * exclusion, and every later strategy is split so that it cannot match an excluded context:
 * S ∧ ¬(A ∧ B) = (S ∧ ¬A) ∨ (S ∧ A ∧ ¬B).
 */
class StrategyList {
  readonly strategies: UnleashStrategy[] = [];
  private readonly exclusions: UnleashConstraint[][] = [];

  add(name: string, parameters: Record<string, string>, constraints: UnleashConstraint[], variants?: UnleashVariant[]): void {
    let alternatives: UnleashConstraint[][] = [constraints];
    for (const exclusion of this.exclusions) {
      alternatives = alternatives.flatMap((alternative) => exclusion.map((_, i) => [...alternative, ...exclusion.slice(0, i), negated(exclusion[i])]));
    }
    for (const alternative of alternatives) {
      const strategy: UnleashStrategy = { name, parameters: { ...parameters }, constraints: alternative, segments: [] };
      if (variants && variants.length > 0) strategy.variants = variants;
      this.strategies.push(strategy);
    }
  }

  exclude(guard: UnleashConstraint[]): void {
    this.exclusions.push(guard);
  }
}

function unleashVariants(split: VariantSplit, stickiness: Stickiness): UnleashVariant[] {
  // Both sides bucket with `hash % sum(weights)`, so the engine's weights go out as they are.
  const name = variantStickinessName(split.stickiness ?? stickiness);
  return split.variants.map((variant) => {
    const out: UnleashVariant = { name: variant.name, weight: variant.weight, weightType: 'variable', stickiness: name };
    if (variant.payload) out.payload = { type: variant.payload.type, value: variant.payload.value };
    if (variant.overrides && variant.overrides.length > 0) out.overrides = variant.overrides.map((o) => ({ contextName: o.contextName, values: [...o.values] }));
    return out;
  });
}

/** The single variant an override reports, with the flag's payload of that name. */
function overrideVariants(flag: FlagDefinition, name: string | undefined): UnleashVariant[] | undefined {
  if (!name) return undefined;
  const splits = [flag.targeting?.variants, ...(flag.targeting?.rollouts ?? []).map((rule) => rule.variants)];
  const payload = splits.flatMap((split) => split?.variants ?? []).find((variant) => variant.name === name)?.payload;
  const variant: UnleashVariant = { name, weight: UNLEASH_VARIANT_SCALE, weightType: 'fix', stickiness: 'default' };
  if (payload) variant.payload = { type: payload.type, value: payload.value };
  return [variant];
}

function addRollout(list: StrategyList, flag: FlagDefinition, rule: RolloutRule): void {
  const constraints = (rule.constraints ?? []).map(unleashConstraint);
  const groupId = rule.groupId ?? flag.key;
  if (rule.variants?.groupId !== undefined && rule.variants.groupId !== groupId) throw new NotExpressible();
  const variants = rule.variants ? unleashVariants(rule.variants, rule.variants.stickiness ?? rule.stickiness ?? 'userId') : undefined;
  if (rule.percentage === undefined) {
    // With variants, a 100% flexibleRollout carries the groupId the variants hash with (a `default` strategy has none).
    if (variants) list.add('flexibleRollout', { rollout: '100', stickiness: 'default', groupId }, constraints, variants);
    else list.add('default', {}, constraints);
    return;
  }
  list.add('flexibleRollout', { rollout: String(rule.percentage), stickiness: rolloutStickinessName(rule.stickiness ?? 'userId'), groupId }, constraints, variants);
}

/** The tenant's active overrides of the flag: user overrides first (they win), then the tenant's. */
function addOverrides(list: StrategyList, flag: FlagDefinition, byTenant: ReadonlyMap<string, readonly FlagOverride[]> | undefined, scope: UnleashExportScope): void {
  if (!byTenant) return;
  const tenants = scope.tenantId !== undefined ? [scope.tenantId] : [...byTenant.keys()].sort();
  const active = (tenantId: string) => (byTenant.get(tenantId) ?? []).filter((o) => (o.flagKey === undefined || o.flagKey === flag.key) && isOverrideActive(o, scope.now));
  for (const tenantId of tenants) {
    const seen = new Set<string>();
    for (const override of active(tenantId)) {
      if (override.scope !== 'user' || seen.has(override.userId)) continue;
      seen.add(override.userId);
      const guard = [inList('userId', [override.userId]), inList('tenantId', [tenantId])];
      if (override.value === true) list.add('default', {}, guard, overrideVariants(flag, override.variant));
      else list.exclude(guard);
    }
  }
  for (const tenantId of tenants) {
    const override = active(tenantId).find((o) => o.scope === 'tenant');
    if (!override) continue;
    const guard = [inList('tenantId', [tenantId])];
    if (override.value === true) list.add('default', {}, guard, overrideVariants(flag, override.variant));
    else list.exclude(guard);
  }
}

/** Resolves what the scope's tenant already decides: tenant and plan constraints, tenant-sticky rollouts. */
function resolvedForTenant(strategies: UnleashStrategy[], flag: FlagDefinition, scope: UnleashExportScope): UnleashStrategy[] {
  const tenantContext = { tenantId: scope.tenantId, plan: scope.plan };
  const out: UnleashStrategy[] = [];
  for (const strategy of strategies) {
    const kept: UnleashConstraint[] = [];
    let matches = true;
    for (const constraint of strategy.constraints ?? []) {
      if (constraint.contextName !== 'tenantId' && constraint.contextName !== 'plan') kept.push(constraint);
      else if (!matchConstraint(constraint as Constraint, tenantContext, scope.now)) matches = false;
    }
    if (!matches) continue;
    let resolved: UnleashStrategy = { ...strategy, constraints: kept };
    if (strategy.name === 'flexibleRollout' && strategy.parameters?.stickiness === 'tenantId') {
      const bucket = stickinessBucket('tenantId', String(strategy.parameters.groupId ?? flag.key), 100, ROLLOUT_SEED, tenantContext, Math.random);
      if (bucket === undefined || !(bucket <= Number(strategy.parameters.rollout))) continue;
      if (strategy.variants?.some((variant) => variant.stickiness === 'tenantId')) throw new NotExpressible();
      resolved = { ...resolved, parameters: { ...strategy.parameters, rollout: '100', stickiness: 'default' } };
    }
    if (resolved.variants) resolved = { ...resolved, variants: variantsForTenant(resolved.variants, scope) };
    out.push(resolved);
  }
  return out;
}

const TENANT_FIELDS = new Set(['tenantId', 'plan']);

/**
 * Variant overrides on `tenantId`/`plan` decided for the scope's tenant: a matching one makes its variant
 * the only one (the tenant's contexts all get it), the others are dropped, so no other tenant is named.
 */
function variantsForTenant(variants: UnleashVariant[], scope: UnleashExportScope): UnleashVariant[] {
  const own: Record<string, string | undefined> = { tenantId: scope.tenantId, plan: scope.plan };
  const forced = variants.find((variant) => (variant.overrides ?? []).some((o) => TENANT_FIELDS.has(o.contextName) && own[o.contextName] !== undefined && o.values.includes(own[o.contextName]!)));
  if (forced) return [{ ...forced, weight: UNLEASH_VARIANT_SCALE, overrides: (forced.overrides ?? []).filter((o) => !TENANT_FIELDS.has(o.contextName)) }];
  return variants.map((variant) => (variant.overrides ? { ...variant, overrides: variant.overrides.filter((o) => !TENANT_FIELDS.has(o.contextName)) } : variant));
}

/**
 * A boolean flag as an Unleash feature toggle whose `isEnabled`/`getVariant` give our evaluation's
 * answers for the same context; undefined for a flag Unleash cannot express (a non-boolean value type,
 * a stickiness fallback chain other than Unleash's `default`, variants hashed in another group).
 */
export function unleashFeatureOf(
  flag: FlagDefinition,
  overrides: ReadonlyMap<string, readonly FlagOverride[]> | undefined,
  scope: UnleashExportScope,
): UnleashFeature | undefined {
  if (flag.valueType !== 'boolean' || flag.archived) return undefined;
  const feature: UnleashFeature = {
    name: flag.key,
    description: flag.description ?? null,
    type: flag.killSwitch ? 'kill-switch' : 'release',
    enabled: flag.enabled,
    impressionData: false,
    strategies: [],
    variants: [],
  };
  (feature as UnleashFeature & { project: string; stale: boolean }).project = 'default';
  (feature as UnleashFeature & { project: string; stale: boolean }).stale = false;
  if (flag.dependencies && flag.dependencies.length > 0) {
    feature.dependencies = flag.dependencies.map((d) => ({ feature: d.flag, enabled: d.enabled !== false, ...(d.variants && d.variants.length > 0 ? { variants: [...d.variants] } : {}) }));
  }
  const targeting = flag.targeting ?? {};
  try {
    if (targeting.schedule && !isWithinSchedule(targeting.schedule, scope.now)) feature.enabled = false;
  } catch {
    feature.enabled = false;
  }
  if (!feature.enabled) return feature;

  try {
    const list = new StrategyList();
    addOverrides(list, flag, overrides, scope);
    if ((targeting.disabledTenants?.length ?? 0) > 0) list.exclude([inList('tenantId', targeting.disabledTenants!)]);
    if ((targeting.enabledTenants?.length ?? 0) > 0) list.add('default', {}, [inList('tenantId', targeting.enabledTenants!)]);
    if ((targeting.enabledPlans?.length ?? 0) > 0) list.add('default', {}, [inList('plan', targeting.enabledPlans!)]);
    if ((targeting.enabledUsers?.length ?? 0) > 0) list.add('default', {}, [inList('userId', targeting.enabledUsers!)]);
    for (const rule of targeting.rollouts ?? []) addRollout(list, flag, rule);
    const enabling =
      (targeting.enabledTenants?.length ?? 0) + (targeting.enabledPlans?.length ?? 0) + (targeting.enabledUsers?.length ?? 0) + (targeting.rollouts?.length ?? 0) > 0;
    if (!enabling) list.add('default', {}, []);
    feature.strategies = scope.tenantId !== undefined ? resolvedForTenant(list.strategies, flag, scope) : list.strategies;
    if (targeting.variants && targeting.variants.variants.length > 0) {
      if (targeting.variants.groupId !== undefined && targeting.variants.groupId !== flag.key) return undefined;
      feature.variants = unleashVariants(targeting.variants, 'userId');
      if (scope.tenantId !== undefined) feature.variants = variantsForTenant(feature.variants, scope);
    }
  } catch (error) {
    if (error instanceof NotExpressible) return undefined;
    throw error;
  }
  // No strategy left: Unleash treats an empty list as "on", so an off feature says so.
  if (feature.strategies!.length === 0) feature.enabled = false;
  return feature;
}

/**
 * Moves constraint sets used by more than one strategy into global segments, as Unleash's server
 * does with segments (the SDK resolves `segments` ids against the answer's `segments`).
 */
export function withSharedSegments(features: UnleashFeature[]): UnleashSegment[] {
  const uses = new Map<string, number>();
  const keyOf = (constraints: readonly UnleashConstraint[]) => JSON.stringify(constraints);
  for (const feature of features) for (const strategy of feature.strategies ?? []) {
    if ((strategy.constraints?.length ?? 0) === 0) continue;
    const key = keyOf(strategy.constraints!);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  const segments = new Map<string, UnleashSegment>();
  for (const feature of features) for (const strategy of feature.strategies ?? []) {
    if ((strategy.constraints?.length ?? 0) === 0) continue;
    const key = keyOf(strategy.constraints!);
    if ((uses.get(key) ?? 0) < 2) continue;
    let segment = segments.get(key);
    if (!segment) segments.set(key, (segment = { id: segments.size + 1, constraints: strategy.constraints! }));
    strategy.segments = [segment.id];
    strategy.constraints = [];
  }
  return [...segments.values()];
}

/** Every expressible live flag of the snapshot as Unleash's Client API returns it. */
export function unleashClientFeatures(
  definitions: Iterable<FlagDefinition>,
  overridesOf: (key: string) => ReadonlyMap<string, readonly FlagOverride[]> | undefined,
  scope: UnleashExportScope,
): UnleashClientFeatures {
  const features: UnleashFeature[] = [];
  for (const flag of definitions) {
    const feature = unleashFeatureOf(flag, overridesOf(flag.key), scope);
    if (feature) features.push(feature);
  }
  features.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const segments = withSharedSegments(features);
  return { version: 2, features, segments, query: { project: ['default'], environment: 'default', inlineSegmentConstraints: false } };
}
