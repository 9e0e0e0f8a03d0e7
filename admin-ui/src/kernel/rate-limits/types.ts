import type { RateLimitPolicyView } from '@platform/sdk';

/** A rate-limit policy as `GET /api/rate-limits` answers it. */
export type RateLimitRecord = RateLimitPolicyView;
export type { ThrottledMinute, ThrottledTenant } from '@platform/sdk';
