/** A tenant's API rate limit: a token bucket (requests per second, refilled up to `burst`) and open streams. */
export interface RatePolicy {
  id: string;
  /** Where the policy comes from: the tenant's plan (`planKey`) or an override for the tenant. */
  source: 'plan' | 'tenant';
  planKey: string | null;
  tenantId: string | null;
  requestsPerSecond: number;
  burst: number;
  /** Event streams (server-sent events) the tenant may hold open at once; null: not limited. */
  concurrentStreams: number | null;
}

/** The policy name clients see in `RateLimit-Policy` / `RateLimit`. */
export const REQUESTS_POLICY_NAME = 'tenant-requests';
export const STREAMS_POLICY_NAME = 'tenant-streams';
