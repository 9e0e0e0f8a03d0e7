import { BoundedMap, type Logger } from '@platform/sdk';
import { ENTITLEMENTS_SERVICE, type EntitlementChecker } from '@platform/sdk/entitlements';
import type { MaybePromise } from './maybe-promise.ts';

/** The feature key asked of the entitlements service; any key answers with the tenant's current plan. */
const PLAN_PROBE = 'feature-flags';

/**
 * A tenant's plan key for plan targeting, through the plans plugin's `entitlements` service when it
 * is installed (an optional DI lookup: without it, plan targeting simply matches nobody). Cached per
 * tenant for `ttlMs`; `plan.assigned` evicts the tenant at once on the instance that hears it.
 */
export class PlanLookup {
  private readonly cache = new BoundedMap<string, { plan: string | undefined; until: number }>(50_000);
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private checker: EntitlementChecker | null | undefined;

  constructor(
    private readonly resolve: <T>(name: string) => T,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly ttlMs = 30_000,
  ) {}

  private entitlements(): EntitlementChecker | null {
    if (this.checker === undefined) {
      try {
        this.checker = this.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE) ?? null;
      } catch {
        this.checker = null;
      }
    }
    return this.checker;
  }

  /** Whether plan targeting can work at all (the plans plugin is installed). */
  get available(): boolean {
    return this.entitlements() !== null;
  }

  /** The tenant's plan key; synchronous while it is cached. */
  planOf(tenantId: string): MaybePromise<string | undefined> {
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.plan;
    const checker = this.entitlements();
    if (!checker) return undefined;
    let pending = this.inFlight.get(tenantId);
    if (!pending) {
      pending = checker
        .check(tenantId, PLAN_PROBE, 0)
        .then((decision) => decision.plan?.key)
        .catch((err) => {
          this.logger.warn({ err, tenantId }, 'plan lookup for flag targeting failed');
          return undefined;
        })
        .then((plan) => {
          this.cache.set(tenantId, { plan, until: Date.now() + this.ttlMs });
          return plan;
        })
        .finally(() => this.inFlight.delete(tenantId));
      this.inFlight.set(tenantId, pending);
    }
    return pending;
  }

  evict(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
  }
}
