import type { MaybePromise } from '../maybe-promise.ts';
import type { RatePolicy } from './rate-policy.ts';

/** How long a tenant's plan is trusted before it is read again (in the background: the stale one serves meanwhile). */
const PLAN_TTL_MS = 30_000;
/** A failed plan read is retried after this long; meanwhile the tenant has no plan policy. */
const PLAN_RETRY_MS = 5_000;

interface KnownPlan {
  key: string | null;
  readAt: number;
  refreshing: boolean;
}

export interface PolicyBookOptions {
  /** The tenant's current plan key, or null (no plan, or no plans plugin). */
  planKeyOf: (tenantId: string) => Promise<string | null>;
  now?: () => number;
}

/**
 * Every rate-limit policy, in memory: overrides by tenant, plan policies by plan key, and each tenant's plan
 * as last read. With no policy at all the lookup is one boolean; with overrides only, one Map lookup.
 */
export class PolicyBook {
  private byTenant = new Map<string, RatePolicy>();
  private byPlan = new Map<string, RatePolicy>();
  private readonly plans = new Map<string, KnownPlan>();
  /** Plan reads on their way, so that a tenant's first requests arriving together read its plan once. */
  private readonly reading = new Map<string, Promise<string | null>>();
  private readonly now: () => number;

  constructor(private readonly opts: PolicyBookOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Whether any policy exists (else the request check returns at once). */
  get active(): boolean {
    return this.byTenant.size > 0 || this.byPlan.size > 0;
  }

  /** Replaces every policy (after a load from the database). */
  replace(policies: RatePolicy[]): void {
    const byTenant = new Map<string, RatePolicy>();
    const byPlan = new Map<string, RatePolicy>();
    for (const p of policies) {
      if (p.source === 'tenant' && p.tenantId) byTenant.set(p.tenantId, p);
      if (p.source === 'plan' && p.planKey) byPlan.set(p.planKey, p);
    }
    this.byTenant = byTenant;
    this.byPlan = byPlan;
  }

  /** Forget a tenant's plan (it changed), or every tenant's. */
  forgetPlan(tenantId?: string): void {
    if (tenantId) this.plans.delete(tenantId);
    else this.plans.clear();
  }

  /** The policy in force for the tenant: its override, else its plan's, else none. */
  forTenant(tenantId: string): MaybePromise<RatePolicy | undefined> {
    const own = this.byTenant.get(tenantId);
    if (own !== undefined || this.byPlan.size === 0) return own;
    const known = this.plans.get(tenantId);
    if (known) {
      if (!known.refreshing && this.now() - known.readAt > PLAN_TTL_MS) this.refresh(tenantId, known);
      return known.key === null ? undefined : this.byPlan.get(known.key);
    }
    return this.readPlan(tenantId).then((key) => (key === null ? undefined : this.byPlan.get(key)));
  }

  private refresh(tenantId: string, known: KnownPlan): void {
    known.refreshing = true;
    void this.readPlan(tenantId).finally(() => {
      known.refreshing = false;
    });
  }

  private readPlan(tenantId: string): Promise<string | null> {
    let read = this.reading.get(tenantId);
    if (!read) {
      read = this.fetchPlan(tenantId).finally(() => this.reading.delete(tenantId));
      this.reading.set(tenantId, read);
    }
    return read;
  }

  private async fetchPlan(tenantId: string): Promise<string | null> {
    try {
      const key = await this.opts.planKeyOf(tenantId);
      this.plans.set(tenantId, { key, readAt: this.now(), refreshing: false });
      return key;
    } catch {
      // Read again soon; meanwhile no plan policy applies (a failing plans plugin never refuses requests).
      this.plans.set(tenantId, { key: null, readAt: this.now() - PLAN_TTL_MS + PLAN_RETRY_MS, refreshing: false });
      return null;
    }
  }
}
