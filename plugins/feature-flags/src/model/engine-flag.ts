import type { FlagDefinition, FlagTargeting, RolloutRule, VariantSplit } from '../engine/index.ts';
import type { FlagRecord } from './flag-record.ts';

/**
 * Stored variant weights are percentages summing to 100; the engine buckets with `hash % sum(weights)`
 * as Unleash does on its 0..1000 scale. Multiplying by 10 gives the buckets an Unleash server would.
 */
export const VARIANT_WEIGHT_SCALE = 10;

function engineSplit(split: VariantSplit): VariantSplit {
  return { ...split, variants: split.variants.map((variant) => ({ ...variant, weight: Math.round(variant.weight * VARIANT_WEIGHT_SCALE) })) };
}

function engineRule(rule: RolloutRule): RolloutRule {
  return rule.variants ? { ...rule, variants: engineSplit(rule.variants) } : rule;
}

export function engineTargeting(targeting: FlagTargeting): FlagTargeting {
  const out: FlagTargeting = { ...targeting };
  if (targeting.variants) out.variants = engineSplit(targeting.variants);
  if (targeting.rollouts) out.rollouts = targeting.rollouts.map(engineRule);
  return out;
}

/**
 * The engine's definition of a stored flag: a new object per stored version (the engine caches parsed
 * parts by object identity, so definitions are replaced on change, never mutated). Only a flag switched
 * off by a pulled kill switch reports the `kill_switch` rule; one merely marked as a kill switch and off
 * reports `disabled`.
 */
export function engineFlagOf(record: FlagRecord): FlagDefinition {
  const flag: FlagDefinition = {
    key: record.key,
    name: record.name,
    type: record.type,
    valueType: record.valueType,
    defaultValue: record.defaultValue,
    enabled: record.enabled,
    archived: record.archived,
    // The engine's `kill_switch` rule means "pulled"; the kill-switch marker only lists the flag in the console panel.
    killSwitch: record.killedAt !== null,
    targeting: engineTargeting(record.targeting),
  };
  if (record.enabledValue !== null) flag.enabledValue = record.enabledValue;
  if (record.dependencies && record.dependencies.length > 0) flag.dependencies = record.dependencies;
  return flag;
}
