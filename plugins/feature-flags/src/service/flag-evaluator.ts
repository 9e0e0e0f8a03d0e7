import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import { evaluateFlag, isOn, type EvaluationContext, type EvaluationOptions, type FlagOverride, type ParentLookup, type RandomSource } from '../engine/index.ts';
import type { FlagSnapshot } from '../store/flag-snapshot.ts';

const NO_OVERRIDES: readonly FlagOverride[] = [];

export { isOn };

function overridesFor(snapshot: FlagSnapshot, key: string, context: EvaluationContext): readonly FlagOverride[] {
  return context.tenantId ? snapshot.overrides.get(key)?.get(context.tenantId) ?? NO_OVERRIDES : NO_OVERRIDES;
}

/** Parent flags looked up in the same snapshot, with their overrides for the context's tenant. */
function parentsIn(snapshot: FlagSnapshot, context: EvaluationContext): ParentLookup {
  return (key) => {
    const flag = snapshot.definitions.get(key);
    return flag ? { flag, overrides: overridesFor(snapshot, key, context) } : undefined;
  };
}

export function flagNotFound(key: string): FlagEvaluation {
  return { key, value: null, enabled: false, variant: null, reason: 'ERROR', rule: 'error', errorCode: 'FLAG_NOT_FOUND', errorMessage: `No flag "${key}"` };
}

/**
 * Evaluates flags of one snapshot for a context. Synchronous and pure given the snapshot, the context
 * and `now`: the plan must already be in the context. `onEvaluated` is told each key evaluated.
 */
export function evaluateInSnapshot(
  snapshot: FlagSnapshot,
  key: string,
  context: EvaluationContext,
  now: number,
  onEvaluated?: (key: string) => void,
  random?: RandomSource,
): FlagEvaluation {
  const flag = snapshot.definitions.get(key);
  if (!flag) return flagNotFound(key);
  onEvaluated?.(key);
  const overrides = overridesFor(snapshot, key, context);
  const options: EvaluationOptions = { now, overrides };
  if (random) options.random = random;
  if (flag.dependencies && flag.dependencies.length > 0) options.parents = parentsIn(snapshot, context);
  const result = evaluateFlag(flag, context, options);
  const evaluation: FlagEvaluation = {
    key,
    value: result.value,
    enabled: isOn(flag, result),
    variant: result.variant,
    reason: result.reason,
    rule: result.rule,
  };
  if (result.payload) evaluation.payload = result.payload;
  if (result.errorCode) evaluation.errorCode = result.errorCode;
  if (result.errorMessage) evaluation.errorMessage = result.errorMessage;
  return evaluation;
}

/** Every requested key (default: every live flag), in key order. */
export function evaluateManyInSnapshot(
  snapshot: FlagSnapshot,
  keys: readonly string[] | undefined,
  context: EvaluationContext,
  now: number,
  onEvaluated?: (key: string) => void,
  random?: RandomSource,
): Record<string, FlagEvaluation> {
  const out: Record<string, FlagEvaluation> = {};
  for (const key of keys ?? snapshot.liveKeys) out[key] = evaluateInSnapshot(snapshot, key, context, now, onEvaluated, random);
  return out;
}
