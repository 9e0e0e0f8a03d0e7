import type { FlagDefinition } from './flag.ts';
import type { FlagOverride } from './override.ts';

/**
 * A parent flag this flag depends on (Unleash's feature dependency). The child is on only when
 * every dependency is satisfied for the same context:
 *  - `enabled` true or omitted: the parent is on; with `variants` (non-empty), the parent is on
 *    and its variant (`disabled` when it has none) is one of them;
 *  - `enabled` false: the parent is off.
 * A missing parent, or a parent that itself has dependencies, satisfies nothing (as in Unleash).
 */
export interface FlagDependency {
  /** The parent flag's key. */
  flag: string;
  enabled?: boolean;
  variants?: string[];
}

/** A parent flag with its overrides for the context's tenant, as the evaluator looks it up. */
export interface ParentFlag {
  flag: FlagDefinition;
  overrides?: readonly FlagOverride[];
}

/** Looks up a parent flag by key; undefined when there is no such flag. */
export type ParentLookup = (key: string) => ParentFlag | undefined;

/** The variant name Unleash reports for an evaluation with no variant. */
export const NO_VARIANT_NAME = 'disabled';
