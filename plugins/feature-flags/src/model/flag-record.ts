import type { FlagDependency, FlagTargeting, FlagType, FlagValue, FlagValueType } from '../engine/index.ts';

/**
 * A flag as the API returns and accepts it. `targeting` is the engine's shape except that variant
 * weights are percentages summing to 100 (the engine buckets on Unleash's 0..1000 scale).
 */
export interface FlagRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  type: FlagType;
  valueType: FlagValueType;
  defaultValue: FlagValue;
  enabledValue: FlagValue | null;
  enabled: boolean;
  archived: boolean;
  killSwitch: boolean;
  killedAt: string | null;
  killedReason: string | null;
  owner: string | null;
  tags: string[];
  staleAfterDays: number;
  targeting: FlagTargeting;
  /** Parent flags whose requirements must hold for this flag to be on (evaluated for the same context). */
  dependencies: FlagDependency[];
  /** The primary rollout rule's percentage (the first rule, when it has no constraints), else null. */
  rolloutPercentage: number | null;
  fullyOnSince: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a tenant user may see of a platform-level flag: no other tenant's or user's targeting. */
export interface TenantFlagView {
  id: string;
  key: string;
  name: string;
  description: string;
  type: FlagType;
  valueType: FlagValueType;
  defaultValue: FlagValue;
  enabled: boolean;
  archived: boolean;
  killSwitch: boolean;
  tags: string[];
  rolloutPercentage: number | null;
  updatedAt: string;
}

export function tenantViewOf(flag: FlagRecord): TenantFlagView {
  return {
    id: flag.id,
    key: flag.key,
    name: flag.name,
    description: flag.description,
    type: flag.type,
    valueType: flag.valueType,
    defaultValue: flag.defaultValue,
    enabled: flag.enabled,
    archived: flag.archived,
    killSwitch: flag.killSwitch,
    tags: flag.tags,
    rolloutPercentage: flag.rolloutPercentage,
    updatedAt: flag.updatedAt,
  };
}

/** The rollout percentage the list shows and staged rollouts move: the first rule without constraints. */
export function primaryRolloutPercentage(targeting: FlagTargeting): number | null {
  const first = targeting.rollouts?.[0];
  if (!first || (first.constraints?.length ?? 0) > 0) return null;
  return first.percentage ?? 100;
}
