/** A rate-limit policy as `GET /api/rate-limits` answers it. */
export interface RateLimitRecord {
  id: string;
  appliesTo: 'plan' | 'tenant';
  planKey: string | null;
  tenantId: string | null;
  requestsPerSecond: number;
  burst: number;
  concurrentStreams: number | null;
  note: string | null;
  updatedAt: string;
}

/** One tenant's throttled requests (`GET /api/rate-limits/throttled`). */
export interface ThrottledTenant {
  id: string;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  requests: number;
  streams: number;
  total: number;
  lastThrottledAt: string;
}

export interface ThrottledMinute {
  id: string;
  minute: string;
  requests: number;
  streams: number;
}
