import type { FlagClient, FlagContext, FlagEvaluation } from '@platform/sdk/feature-flags';
import type { EvaluationContext } from '../engine/index.ts';
import type { EvaluationUsage } from './evaluation-usage.ts';
import type { FlagCache } from './flag-cache.ts';
import { evaluateInSnapshot, evaluateManyInSnapshot } from './flag-evaluator.ts';
import { andThen, type MaybePromise } from './maybe-promise.ts';
import type { PlanLookup } from './plan-lookup.ts';

/** The SDK's flag context as the engine's (nulls dropped). */
export function engineContextOf(context: FlagContext | undefined): EvaluationContext {
  if (!context) return {};
  const out: EvaluationContext = {};
  if (context.tenantId) out.tenantId = context.tenantId;
  if (context.userId) out.userId = context.userId;
  if (context.plan) out.plan = context.plan;
  if (context.sessionId) out.sessionId = context.sessionId;
  if (context.remoteAddress) out.remoteAddress = context.remoteAddress;
  if (context.environment) out.environment = context.environment;
  if (context.appName) out.appName = context.appName;
  if (context.properties) out.properties = context.properties;
  return out;
}

/**
 * Evaluation against this instance's cache: the `flags` service other plugins resolve, and what the
 * evaluate endpoint and the stream use. Only the plan lookup may wait (cached per tenant).
 */
export class FlagEvaluationService implements FlagClient {
  constructor(
    private readonly cache: FlagCache,
    private readonly plans: PlanLookup,
    private readonly usage: EvaluationUsage,
  ) {}

  get snapshot() {
    return this.cache.snapshot;
  }

  /** Adds the tenant's plan when some flag targets plans and the context has none (synchronous when cached). */
  withPlan(context: EvaluationContext): MaybePromise<EvaluationContext> {
    if (context.plan !== undefined || !context.tenantId || !this.cache.snapshot.usesPlans) return context;
    return andThen(this.plans.planOf(context.tenantId), (plan) => (plan === undefined ? context : { ...context, plan }));
  }

  private readonly mark = (key: string) => this.usage.mark(key);

  /** Synchronous evaluation of a context that already carries its plan. */
  evaluateResolved(keys: readonly string[] | undefined, context: EvaluationContext, now = Date.now()): Record<string, FlagEvaluation> {
    return evaluateManyInSnapshot(this.cache.snapshot, keys, context, now, this.mark);
  }

  evaluateOneResolved(key: string, context: EvaluationContext, now = Date.now()): FlagEvaluation {
    return evaluateInSnapshot(this.cache.snapshot, key, context, now, this.mark);
  }

  async evaluate(key: string, context?: FlagContext): Promise<FlagEvaluation> {
    return this.evaluateOneResolved(key, await this.withPlan(engineContextOf(context)));
  }

  async evaluateAll(context?: FlagContext, keys?: readonly string[]): Promise<Record<string, FlagEvaluation>> {
    return this.evaluateResolved(keys, await this.withPlan(engineContextOf(context)));
  }
}
