import type { FastifyReply } from 'fastify';
import { REQUESTS_POLICY_NAME, STREAMS_POLICY_NAME, type RatePolicy } from './rate-policy.ts';

/**
 * The IETF `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers, structured
 * fields): the requests policy is `q` tokens per `w`=1 second with the bucket's size as `burst`; the streams
 * policy is `q` streams open at once. `Retry-After` says when to try again.
 */
export function setRequestLimitHeaders(reply: FastifyReply, policy: RatePolicy, remaining: number, retryAfterSeconds: number): void {
  reply.header('ratelimit-policy', `"${REQUESTS_POLICY_NAME}";q=${policy.requestsPerSecond};w=1;burst=${policy.burst}`);
  reply.header('ratelimit', `"${REQUESTS_POLICY_NAME}";r=${remaining};t=${retryAfterSeconds}`);
  reply.header('retry-after', String(retryAfterSeconds));
}

export function setStreamLimitHeaders(reply: FastifyReply, limit: number, retryAfterSeconds: number): void {
  reply.header('ratelimit-policy', `"${STREAMS_POLICY_NAME}";q=${limit}`);
  reply.header('ratelimit', `"${STREAMS_POLICY_NAME}";r=0;t=${retryAfterSeconds}`);
  reply.header('retry-after', String(retryAfterSeconds));
}
