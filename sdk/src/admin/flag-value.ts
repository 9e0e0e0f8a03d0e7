import type { FlagEvaluation, FlagJsonValue } from '../feature-flags.ts';

/**
 * The value a console element shows for a flag: the evaluation's, unless there is none yet, it is an
 * ERROR, or it is of another JSON type than the fallback (then the fallback).
 */
export function flagValueOf<T extends FlagJsonValue>(evaluation: FlagEvaluation | undefined, fallback: T): T {
  if (!evaluation || evaluation.reason === 'ERROR') return fallback;
  if (fallback !== null && (typeof evaluation.value !== typeof fallback || Array.isArray(evaluation.value) !== Array.isArray(fallback))) return fallback;
  return evaluation.value as T;
}
