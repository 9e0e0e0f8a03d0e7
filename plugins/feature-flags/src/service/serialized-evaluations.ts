import type { FlagEvaluation } from '@platform/sdk/feature-flags';
import type { SerializedAnswer } from './evaluation-answer.ts';
import { evaluationEtag } from './evaluation-etag.ts';

/**
 * One flag's evaluation as JSON. Interned ones (`interned`) are shared by every request whose evaluation of
 * that flag came out the same, so their JSON is written once per configuration version, not per request.
 */
export interface SerializedEvaluation {
  readonly evaluation: FlagEvaluation;
  /** `JSON.stringify(evaluation)`: the body of a one-flag answer. */
  readonly json: string;
  /** `"key":{...}`: the evaluation as a member of a many-flag answer's `flags` object. */
  readonly member: string;
  readonly interned: boolean;
  /** The one-flag answer, tagged on first use. */
  single?: SerializedAnswer;
}

/** Distinct outcomes kept per flag; past this (e.g. per-tenant override values that are objects), evaluations are serialized per request. */
const MAX_OUTCOMES_PER_FLAG = 32;

/** The same outcome: every field `JSON.stringify` writes is identical (values and payloads from the snapshot keep their identity). */
function sameOutcome(a: FlagEvaluation, b: FlagEvaluation): boolean {
  return (
    a.value === b.value &&
    a.enabled === b.enabled &&
    a.variant === b.variant &&
    a.reason === b.reason &&
    a.rule === b.rule &&
    a.payload === b.payload &&
    a.errorCode === b.errorCode &&
    a.errorMessage === b.errorMessage
  );
}

function serialize(evaluation: FlagEvaluation, interned: boolean): SerializedEvaluation {
  const json = JSON.stringify(evaluation);
  return { evaluation, json, member: `${JSON.stringify(evaluation.key)}:${json}`, interned };
}

/**
 * The serialized outcomes of one configuration version's flags. A flag has few outcomes (off, on, a variant,
 * an override's value), so most evaluations find theirs among the kept ones by comparing fields, without
 * serializing anything. Only keys of defined flags are kept (a client's unknown keys would grow it without bound).
 */
export class SerializedEvaluations {
  private readonly byKey = new Map<string, SerializedEvaluation[]>();

  constructor(private readonly isDefined: (key: string) => boolean) {}

  of(evaluation: FlagEvaluation): SerializedEvaluation {
    const key = evaluation.key;
    let outcomes = this.byKey.get(key);
    if (outcomes) {
      for (let i = 0; i < outcomes.length; i++) if (sameOutcome(outcomes[i].evaluation, evaluation)) return outcomes[i];
    } else if (this.isDefined(key)) this.byKey.set(key, (outcomes = []));
    if (!outcomes || outcomes.length >= MAX_OUTCOMES_PER_FLAG) return serialize(evaluation, false);
    const serialized = serialize(evaluation, true);
    outcomes.push(serialized);
    return serialized;
  }
}

/** The one-flag answer of a serialized evaluation (tagged once when interned). */
export function singleAnswerOf(serialized: SerializedEvaluation): SerializedAnswer {
  if (serialized.single) return serialized.single;
  const answer = { body: serialized.json, etag: evaluationEtag(serialized.json) };
  if (serialized.interned) serialized.single = answer;
  return answer;
}
