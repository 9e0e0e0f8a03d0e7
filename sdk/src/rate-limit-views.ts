/**
 * The kernel's per-tenant rate limits as its API answers them (`/api/rate-limits`, `/api/rate-limits/throttled`):
 * one definition for the kernel that serves them and the console that shows them.
 */

/** A stored rate-limit policy: for a plan, or a tenant's own override. */
export interface RateLimitPolicyView {
  id: string;
  appliesTo: 'plan' | 'tenant';
  planKey: string | null;
  tenantId: string | null;
  requestsPerSecond: number;
  burst: number;
  concurrentStreams: number | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One tenant's throttled requests over the window asked for. */
export interface ThrottledTenant {
  /** The tenant's id (react-admin's record id). */
  id: string;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  requests: number;
  streams: number;
  total: number;
  lastThrottledAt: string;
}

/** One minute of a tenant's throttled requests. */
export interface ThrottledMinute {
  id: string;
  minute: string;
  requests: number;
  streams: number;
}
