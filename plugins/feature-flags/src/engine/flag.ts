import type { Constraint } from './constraint.ts';
import type { FlagDependency } from './dependency.ts';
import type { Stickiness } from './stickiness.ts';

/** What the console shows and edits; evaluation uses whatever targeting is present, whatever the type. */
export type FlagType = 'boolean' | 'percentage' | 'tenant_list' | 'user_list' | 'schedule' | 'variant';

export type FlagValueType = 'boolean' | 'string' | 'number' | 'json';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A flag's value: a boolean, string or number for those value types, any JSON value for `json`. */
export type FlagValue = JsonValue;

/** Unleash-compatible payload attached to a variant and returned with the evaluation. */
export interface VariantPayload {
  type: 'string' | 'json' | 'csv' | 'number';
  value: string;
}

/** Contexts whose `contextName` value is one of `values` always get this variant. */
export interface VariantOverride {
  contextName: string;
  values: string[];
}

export interface FlagVariant {
  name: string;
  /**
   * Relative weight. The bucket is `hash % sum(weights) + 1` exactly as in Unleash, so
   * weights on Unleash's 0..1000 scale give the same buckets as an Unleash server would.
   */
  weight: number;
  /** Value served when this variant is chosen; omitted: the flag's enabled value. */
  value?: FlagValue;
  payload?: VariantPayload;
  overrides?: VariantOverride[];
}

/** Weighted variants and how a context sticks to one of them. */
export interface VariantSplit {
  /** Default: the enclosing rollout rule's stickiness, else `userId`; no value found: a random bucket. */
  stickiness?: Stickiness;
  /** Hash group. Default: the enclosing rollout rule's groupId, else the flag key. */
  groupId?: string;
  variants: FlagVariant[];
}

/**
 * One rule of the rollout step: all constraints must match, then the context's bucket
 * (1..100) must be at most `percentage`. Rules are tried in order; the first match wins.
 */
export interface RolloutRule {
  /**
   * 0..100. Omitted: every context the constraints match, with no bucketing (Unleash's
   * `default` strategy). Present: a context without a stickiness value is not in the rollout.
   */
  percentage?: number;
  /** Default `userId`. */
  stickiness?: Stickiness;
  /** Hash group; default the flag key. Two flags with one groupId roll out to the same contexts. */
  groupId?: string;
  constraints?: Constraint[];
  /** Variants chosen when this rule matches (Unleash strategy variants); otherwise the flag's. */
  variants?: VariantSplit;
}

/**
 * `start` and `end` are ISO-8601. With an offset or `Z` they are instants; without one they
 * are wall-clock times in `timeZone` (IANA name, default UTC). The window is [start, end).
 */
export interface ScheduleWindow {
  start?: string;
  end?: string;
  timeZone?: string;
}

export interface FlagTargeting {
  schedule?: ScheduleWindow;
  disabledTenants?: string[];
  enabledTenants?: string[];
  /** Plan keys: a tenant on one of these plans counts as an enabled tenant. */
  enabledPlans?: string[];
  enabledUsers?: string[];
  rollouts?: RolloutRule[];
  variants?: VariantSplit;
}

export interface FlagDefinition {
  /** Dotted key, e.g. `checkout.new_flow`. */
  key: string;
  name: string;
  description?: string;
  type: FlagType;
  valueType: FlagValueType;
  /** Served when the flag is off for a context: disabled, archived, outside its schedule, not targeted. */
  defaultValue: FlagValue;
  /** Served when the flag is on for a context and no variant supplies a value. Default `true` for boolean flags, else `defaultValue`. */
  enabledValue?: FlagValue;
  enabled: boolean;
  archived?: boolean;
  /** Marks a flag the console lists as a kill switch; evaluation is the same. */
  killSwitch?: boolean;
  owner?: string;
  tags?: string[];
  /** After how many days at a constant state the flag is reported as stale. */
  staleAfterDays?: number;
  targeting?: FlagTargeting;
  /** Parent flags that must be satisfied for this flag to be on (evaluated with the same context). */
  dependencies?: FlagDependency[];
}
