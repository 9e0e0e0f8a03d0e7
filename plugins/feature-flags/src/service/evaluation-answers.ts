import type { EvaluationContext } from '../engine/index.ts';
import type { FlagSnapshot } from '../store/flag-snapshot.ts';
import { FLAG_KEY_PATTERN } from '../validation/flag-key.ts';
import { AnswerTrie, manyAnswerOf } from './answer-trie.ts';
import type { SerializedAnswer } from './evaluation-answer.ts';
import { evaluationEtag } from './evaluation-etag.ts';
import type { EvaluationUsage } from './evaluation-usage.ts';
import type { FlagCache } from './flag-cache.ts';
import { evaluateInSnapshot, evaluateManyInSnapshot } from './flag-evaluator.ts';
import { SerializedEvaluations, singleAnswerOf, type SerializedEvaluation } from './serialized-evaluations.ts';

export type { SerializedAnswer } from './evaluation-answer.ts';

/** What the evaluate endpoint was asked: one flag, or several (default every live flag). */
export interface EvaluationRequest {
  flag?: string;
  flags?: readonly string[];
}

/**
 * Whether an object built from these keys lists them in this order, each once: flag-shaped keys are never
 * integer-like (which objects put first) nor `__proto__`. Other lists are answered through `JSON.stringify`.
 */
function inInsertionOrder(keys: readonly string[]): boolean {
  for (const key of keys) if (!FLAG_KEY_PATTERN.test(key)) return false;
  return new Set(keys).size === keys.length;
}

/**
 * The evaluate endpoint's serialized, tagged answers. Every request is evaluated for its own context (nothing
 * is memoized per context); what is shared is the serialization: each flag's outcomes are serialized once per
 * configuration version (`SerializedEvaluations`), and a many-flag answer's body and ETag once per distinct
 * sequence of outcomes (`AnswerTrie`), so a new context costs the evaluation and a few map lookups, not a
 * `JSON.stringify` and a SHA-1 of the whole answer.
 */
export class EvaluationAnswers {
  private snapshot: FlagSnapshot | null = null;
  private evaluations!: SerializedEvaluations;
  private readonly trie = new AnswerTrie();

  constructor(
    private readonly cache: Pick<FlagCache, 'snapshot'>,
    private readonly usage: Pick<EvaluationUsage, 'mark'>,
  ) {}

  private readonly mark = (key: string) => this.usage.mark(key);

  /** The answer for a context that already carries its plan. */
  answer(request: EvaluationRequest, context: EvaluationContext, now = Date.now()): SerializedAnswer {
    const snapshot = this.cache.snapshot;
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      const definitions = snapshot.definitions;
      this.evaluations = new SerializedEvaluations((key) => definitions.has(key));
      this.trie.clear();
    }
    if (request.flag !== undefined) return singleAnswerOf(this.evaluations.of(evaluateInSnapshot(snapshot, request.flag, context, now, this.mark)));

    const keys = request.flags ?? snapshot.liveKeys;
    if (request.flags && !inInsertionOrder(request.flags)) {
      const body = JSON.stringify({ flags: evaluateManyInSnapshot(snapshot, keys, context, now, this.mark) });
      return { body, etag: evaluationEtag(body) };
    }
    const parts: SerializedEvaluation[] = new Array(keys.length);
    let allInterned = true;
    for (let i = 0; i < keys.length; i++) {
      const part = this.evaluations.of(evaluateInSnapshot(snapshot, keys[i], context, now, this.mark));
      allInterned &&= part.interned;
      parts[i] = part;
    }
    return allInterned ? this.trie.answerOf(parts) : manyAnswerOf(parts);
  }
}
