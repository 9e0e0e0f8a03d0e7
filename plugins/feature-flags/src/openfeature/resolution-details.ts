import { ErrorCode, type ResolutionDetails } from '@openfeature/core';
import type { FlagEvaluation } from '@platform/sdk/feature-flags';

/** The OpenFeature flag types a provider is asked for. */
export type FlagKind = 'boolean' | 'string' | 'number' | 'object';

const ERROR_CODES: Record<string, ErrorCode> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  PARSE_ERROR: ErrorCode.PARSE_ERROR,
  INVALID_CONTEXT: ErrorCode.INVALID_CONTEXT,
  PROVIDER_NOT_READY: ErrorCode.PROVIDER_NOT_READY,
  TARGETING_KEY_MISSING: ErrorCode.TARGETING_KEY_MISSING,
};

function fitsKind(value: unknown, kind: FlagKind): boolean {
  if (kind === 'object') return value !== null && typeof value === 'object';
  return typeof value === kind;
}

/**
 * One platform evaluation as OpenFeature resolution details: value, variant and reason as evaluated,
 * the matched rule in `flagMetadata.rule`; an error or a value of another type than asked for gives
 * the caller's default with reason ERROR and the OpenFeature error code.
 */
export function resolutionOf<T>(evaluation: FlagEvaluation, defaultValue: T, kind: FlagKind): ResolutionDetails<T> {
  const flagMetadata = { rule: evaluation.rule };
  if (evaluation.reason === 'ERROR')
    return { value: defaultValue, reason: 'ERROR', errorCode: ERROR_CODES[evaluation.errorCode ?? ''] ?? ErrorCode.GENERAL, errorMessage: evaluation.errorMessage, flagMetadata };
  if (!fitsKind(evaluation.value, kind))
    return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH, errorMessage: `Flag "${evaluation.key}" is not a ${kind} flag`, flagMetadata };
  const details: ResolutionDetails<T> = { value: evaluation.value as T, reason: evaluation.reason, flagMetadata };
  if (evaluation.variant !== null) details.variant = evaluation.variant;
  return details;
}

/** An evaluation that failed before reaching the engine (unknown flag, unreachable server, refused context). */
export function failedEvaluation(key: string, errorCode: string, errorMessage: string): FlagEvaluation {
  return { key, value: null, enabled: false, variant: null, reason: 'ERROR', rule: 'error', errorCode, errorMessage };
}
