import type { FlagEvaluation } from '@platform/sdk';
import { evaluateFlag, type EvaluationContext, type EvaluationResult, type FlagDefinition, type FlagOverride, type RandomSource } from '../engine/index.ts';
import type { FlagSnapshot } from '../store/flag-snapshot.ts';

const NO_OVERRIDES: readonly FlagOverride[] = [];

/** Rules after which a non-boolean flag counts as off for the context (its default value is served). */
const OFF_RULES = new Set(['archived', 'disabled', 'kill_switch', 'disabled_tenant', 'default', 'error']);

/** Whether the evaluation switched the flag on: `true` for a boolean flag, a served (non-default) value otherwise. */
export function isOn(flag: FlagDefinition, result: EvaluationResult): boolean {
  if (flag.valueType === 'boolean') return result.value === true;
  if (result.reason === 'ERROR' || result.reason === 'DISABLED') return false;
  if (result.rule === 'schedule' && result.reason === 'DEFAULT') return false;
  return !OFF_RULES.has(result.rule);
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
  const overrides = context.tenantId ? snapshot.overrides.get(key)?.get(context.tenantId) ?? NO_OVERRIDES : NO_OVERRIDES;
  const result = evaluateFlag(flag, context, random ? { now, overrides, random } : { now, overrides });
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
