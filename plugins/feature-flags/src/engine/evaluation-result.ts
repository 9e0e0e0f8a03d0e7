import type { FlagValue, VariantPayload } from './flag.ts';

/** OpenFeature's resolution reasons. */
export type EvaluationReason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'STATIC' | 'ERROR';

/** OpenFeature's error codes the engine can produce. */
export type EvaluationErrorCode = 'PARSE_ERROR' | 'TYPE_MISMATCH' | 'GENERAL';

/** The step of the evaluation order that decided the value. */
export type EvaluationRule =
  | 'archived'
  | 'disabled'
  | 'kill_switch'
  /** A parent flag's requirement is not met (or the parent is missing). */
  | 'dependency'
  | 'schedule'
  | 'user_override'
  | 'tenant_override'
  | 'disabled_tenant'
  | 'enabled_tenant'
  | 'enabled_plan'
  | 'enabled_user'
  | 'rollout'
  | 'variant'
  /** Targeting is configured and nothing matched: the default value. */
  | 'default'
  /** No targeting is configured: the flag is on for everyone. */
  | 'everyone'
  | 'error';

export interface EvaluationResult {
  value: FlagValue;
  /** The chosen variant's name, or null. */
  variant: string | null;
  /** The chosen variant's payload, when it has one. */
  payload?: VariantPayload;
  reason: EvaluationReason;
  rule: EvaluationRule;
  /** For rule `rollout`: the index of the matching rollout rule. */
  ruleIndex?: number;
  errorCode?: EvaluationErrorCode;
  errorMessage?: string;
}

/** A flag definition the engine cannot evaluate (for example an unknown time zone). */
export class FlagDefinitionError extends Error {
  readonly code: EvaluationErrorCode;

  constructor(code: EvaluationErrorCode, message: string) {
    super(message);
    this.name = 'FlagDefinitionError';
    this.code = code;
  }
}
