import { BoundedMap } from '@platform/sdk';
import type { EvaluationContext } from '../engine/index.ts';
import { nextTimeBoundary } from '../model/time-boundaries.ts';
import { evaluationEtag } from './evaluation-etag.ts';
import type { EvaluationUsage } from './evaluation-usage.ts';
import type { FlagCache } from './flag-cache.ts';
import { evaluateInSnapshot, evaluateManyInSnapshot } from './flag-evaluator.ts';

/** What the evaluate endpoint was asked: one flag, or several (default every live flag). */
export interface EvaluationRequest {
  flag?: string;
  flags?: readonly string[];
}

/** An answer as sent: the JSON body and its ETag. */
export interface SerializedAnswer {
  body: string;
  etag: string;
}

interface MemoEntry extends SerializedAnswer {
  /** Flags evaluated for it (counted as used on every hit). */
  keys: readonly string[];
  /** The next instant the clock alone may change it (a schedule boundary, an expiry). */
  validUntil: number;
}

/**
 * The evaluate endpoint's serialized, tagged answers, memoized per request and context for one
 * configuration version: SDKs ask again and again with the same context, and evaluating, serializing
 * and hashing the same answer each time is wasted work. An entry is dropped when the version changes,
 * used only until the snapshot's next time boundary, and never made for an answer that drew a random
 * bucket (`random` stickiness, or a context without the stickiness attribute).
 */
export class EvaluationAnswers {
  private version = -1;
  private readonly memo: BoundedMap<string, MemoEntry>;
  /** Contexts asked for once: an answer is kept only when its context comes back (see `answer`). */
  private readonly seen: BoundedMap<string, true>;

  constructor(
    private readonly cache: Pick<FlagCache, 'snapshot'>,
    private readonly usage: Pick<EvaluationUsage, 'mark'>,
    maxEntries = 5000,
  ) {
    this.memo = new BoundedMap(maxEntries);
    this.seen = new BoundedMap(maxEntries * 4);
  }

  /** The answer for a context that already carries its plan. */
  answer(request: EvaluationRequest, context: EvaluationContext, now = Date.now()): SerializedAnswer {
    const snapshot = this.cache.snapshot;
    if (snapshot.version !== this.version) {
      this.memo.clear();
      this.seen.clear();
      this.version = snapshot.version;
    }
    const memoKey = JSON.stringify([request.flag ?? null, request.flags ?? null, context]);
    const hit = this.memo.get(memoKey);
    if (hit && now < hit.validUntil) {
      for (const key of hit.keys) this.usage.mark(key);
      return hit;
    }

    let drewRandom = false;
    const random = () => {
      drewRandom = true;
      return Math.random();
    };
    const keys: string[] = [];
    const mark = (key: string) => {
      keys.push(key);
      this.usage.mark(key);
    };
    const answer =
      request.flag !== undefined
        ? evaluateInSnapshot(snapshot, request.flag, context, now, mark, random)
        : { flags: evaluateManyInSnapshot(snapshot, request.flags, context, now, mark, random) };
    const body = JSON.stringify(answer);
    const entry: MemoEntry = { body, etag: evaluationEtag(body), keys, validUntil: nextTimeBoundary(snapshot.timeBoundaries, now) };
    // Only a context seen before is kept: keeping every one-off context's answer (a new session on each
    // request) retains ~2 KB per request until evicted, which the collector then copies and promotes.
    if (!drewRandom) {
      if (this.seen.get(memoKey)) this.memo.set(memoKey, entry);
      else this.seen.set(memoKey, true);
    }
    return entry;
  }
}
