import type { EvaluationResult } from './evaluation-result.ts';
import type { FlagDefinition } from './flag.ts';

/** Rules after which a non-boolean flag counts as off for the context (its default value is served). */
const OFF_RULES = new Set(['archived', 'disabled', 'kill_switch', 'disabled_tenant', 'default', 'error', 'dependency']);

/** Whether the evaluation switched the flag on: `true` for a boolean flag, a served (non-default) value otherwise. */
export function isOn(flag: FlagDefinition, result: EvaluationResult): boolean {
  if (flag.valueType === 'boolean') return result.value === true;
  if (result.reason === 'ERROR' || result.reason === 'DISABLED') return false;
  if (result.rule === 'schedule' && result.reason === 'DEFAULT') return false;
  return !OFF_RULES.has(result.rule);
}
