import type { SerializedAnswer } from './evaluation-answer.ts';
import { evaluationEtag } from './evaluation-etag.ts';
import type { SerializedEvaluation } from './serialized-evaluations.ts';

interface AnswerNode {
  next: Map<SerializedEvaluation, AnswerNode> | null;
  answer: SerializedAnswer | null;
}

/**
 * Many-flag answers (body and ETag) by the sequence of their flags' interned outcomes: the sequence
 * determines the body, so requests whose evaluations came out alike share one serialized, tagged answer
 * however different their contexts. Every request is still evaluated; only the JSON and the hash are shared.
 * Bounded: past `maxAnswers` answers (or `maxNodes` nodes) it starts over.
 */
export class AnswerTrie {
  private root: AnswerNode = { next: null, answer: null };
  private answers = 0;
  private nodes = 0;

  constructor(
    private readonly maxAnswers = 1000,
    private readonly maxNodes = 20_000,
  ) {}

  /** The answer `{"flags":{...}}` of these evaluations (every one interned), in this order. */
  answerOf(parts: readonly SerializedEvaluation[]): SerializedAnswer {
    if (this.answers >= this.maxAnswers || this.nodes >= this.maxNodes) this.clear();
    let node = this.root;
    for (let i = 0; i < parts.length; i++) {
      const next = (node.next ??= new Map());
      let child = next.get(parts[i]);
      if (!child) {
        child = { next: null, answer: null };
        next.set(parts[i], child);
        this.nodes++;
      }
      node = child;
    }
    if (!node.answer) {
      node.answer = manyAnswerOf(parts);
      this.answers++;
    }
    return node.answer;
  }

  clear(): void {
    this.root = { next: null, answer: null };
    this.answers = 0;
    this.nodes = 0;
  }
}

/** `{"flags":{...}}` of the evaluations, in this order (what `JSON.stringify` writes for that object), tagged. */
export function manyAnswerOf(parts: readonly SerializedEvaluation[]): SerializedAnswer {
  let body = '{"flags":{';
  for (let i = 0; i < parts.length; i++) body += i === 0 ? parts[i].member : `,${parts[i].member}`;
  body += '}}';
  return { body, etag: evaluationEtag(body) };
}
