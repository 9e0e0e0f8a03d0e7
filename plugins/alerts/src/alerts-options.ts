import { DEFAULT_BACKOFF, type BackoffPolicy } from './delivery/retry-backoff.ts';

/** How the alerts plugin runs. The defaults suit production; tests drive time and ticks themselves. */
export interface AlertsOptions {
  /** The evaluator job's interval (once per tick across instances). */
  evaluationIntervalSeconds: number;
  /**
   * Evaluate the rules of a metric as soon as the metrics plugin has written new samples of it on this
   * instance (the fast path), besides the minute tick. Tests of tick semantics turn it off.
   */
  evaluateOnWrite: boolean;
  /**
   * The fast path evaluates a metric's rules at most once per this interval on an instance (a metric
   * written on every metrics flush, like `api_requests_total`, cannot make it run more often); a write
   * meanwhile is evaluated when the interval has passed. Real elapsed time, not `clock`.
   */
  fastPathMinIntervalMs: number;
  /** The delivery job's interval (retries; fresh notifications are sent right after each evaluation). */
  deliveryIntervalSeconds: number;
  backoff: BackoffPolicy;
  /** How long a claimed delivery is reserved for the instance sending it. */
  leaseMs: number;
  deliveryBatchSize: number;
  /** Resolved alerts are forgotten (with their deliveries) after this long; history stays. */
  resolvedRetentionDays: number;
  /** Default expiry of an acknowledgement. */
  acknowledgementMinutes: number;
  /** Seed the recommended health rules (disabled) at boot, each once per database. */
  seedRecommendedRules: boolean;
  clock: () => number;
}

export function resolveAlertsOptions(given: Partial<AlertsOptions> = {}): AlertsOptions {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return {
    evaluationIntervalSeconds: 60,
    evaluateOnWrite: true,
    fastPathMinIntervalMs: 1_000,
    deliveryIntervalSeconds: 10,
    backoff: DEFAULT_BACKOFF,
    leaseMs: 120_000,
    deliveryBatchSize: 20,
    resolvedRetentionDays: 30,
    acknowledgementMinutes: 60,
    seedRecommendedRules: true,
    clock: Date.now,
    ...defined,
  };
}
