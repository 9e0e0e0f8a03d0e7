import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, type PlatformLogger } from '@platform/sdk';
import { isPromise } from '../maybe-promise.ts';
import { isTenantBound } from '../auth/permission-catalog.ts';
import type { PolicyBook } from './policy-book.ts';
import type { RatePolicy } from './rate-policy.ts';
import { leaseSize, LocalBucket, type LeaseGrant } from './token-lease.ts';
import { setRequestLimitHeaders, setStreamLimitHeaders } from './rate-limit-headers.ts';
import type { ThrottleKind } from './throttle-tally.ts';

/** Seconds a client refused for too many open streams is told to wait. */
const STREAM_RETRY_AFTER_SECONDS = 5;
/** After a failed lease (database down), requests go through without asking again for this long. */
const FAIL_OPEN_MS = 1000;

export interface RateLimiterDeps {
  policies: PolicyBook;
  lease: (tenantId: string, rate: number, burst: number, want: number) => Promise<LeaseGrant>;
  streams: { open(tenantId: string, limit: number): Promise<{ id: string | null; open: number }>; close(id: string): Promise<void> };
  throttled: { count(tenantId: string, kind: ThrottleKind, now: number): void };
  logger: Pick<PlatformLogger, 'warn'>;
  now?: () => number;
}

type Done = (err?: Error) => void;

/**
 * The per-tenant API rate limit, checked after the route guard. It applies to tenant-bound callers (tenant
 * users and tenant API keys) acting in their tenant; platform staff are not limited (they act for support
 * and operations). Each instance spends tokens it leased from the tenant's shared bucket in PostgreSQL:
 * the hot path is a Map lookup and a decrement, the database is asked only for a new lease.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, LocalBucket>();
  private readonly now: () => number;

  constructor(private readonly deps: RateLimiterDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The route check: `done()` to go on, `done(problem)` with a 429 when over the tenant's limit. */
  check(req: FastifyRequest, reply: FastifyReply, done: Done): void {
    if (!this.deps.policies.active) return done();
    const ctx = req.ctx;
    const tenantId = ctx?.tenantId;
    if (!tenantId || !isTenantBound(ctx.actor)) return done();
    const policy = this.deps.policies.forTenant(tenantId);
    if (policy === undefined) return done();
    if (isPromise(policy)) {
      policy.then((p) => (p ? this.apply(p, tenantId, req, reply, done) : done()), () => done());
      return;
    }
    this.apply(policy, tenantId, req, reply, done);
  }

  /** Forgets the local leases (policies changed: the next request leases under the new policy). */
  reset(): void {
    this.buckets.clear();
  }

  private apply(policy: RatePolicy, tenantId: string, req: FastifyRequest, reply: FastifyReply, done: Done): void {
    const streamLimit = policy.concurrentStreams;
    const next: Done =
      streamLimit !== null && (req.routeOptions.config as { traffic?: string } | undefined)?.traffic === 'stream'
        ? (err) => (err ? done(err) : this.openStream(policy, streamLimit, tenantId, req, reply, done))
        : done;
    const decision = this.take(policy, tenantId);
    if (decision === true) return next();
    if (decision === false) return this.refuse(policy, tenantId, reply, next);
    decision.then((ok) => (ok ? next() : this.refuse(policy, tenantId, reply, next)), () => next());
  }

  /** True: a token; false: refused; a promise while a lease is on its way. */
  take(policy: RatePolicy, tenantId: string): boolean | Promise<boolean> {
    let bucket = this.buckets.get(tenantId);
    if (!bucket) this.buckets.set(tenantId, (bucket = new LocalBucket()));
    const now = this.now();
    const taken = bucket.take(now);
    if (taken === 'allow') {
      const size = leaseSize(policy);
      if (bucket.wantsPrefetch(size)) void this.lease(bucket, policy, tenantId, size);
      return true;
    }
    if (taken === 'deny') return false;
    if (now < bucket.failOpenUntil) return true;
    return this.waitForToken(bucket, policy, tenantId);
  }

  private async waitForToken(bucket: LocalBucket, policy: RatePolicy, tenantId: string): Promise<boolean> {
    bucket.waiting++;
    try {
      for (;;) {
        if (bucket.pending) await bucket.pending;
        else await this.lease(bucket, policy, tenantId, Math.min(policy.burst, Math.max(leaseSize(policy), bucket.waiting)));
        const now = this.now();
        if (now < bucket.failOpenUntil) return true;
        const taken = bucket.take(now);
        if (taken !== 'lease') return taken === 'allow';
      }
    } finally {
      bucket.waiting--;
    }
  }

  private lease(bucket: LocalBucket, policy: RatePolicy, tenantId: string, want: number): Promise<void> {
    const pending = this.deps
      .lease(tenantId, policy.requestsPerSecond, policy.burst, want)
      .then(
        (grant) => bucket.receive(grant, this.now(), policy.requestsPerSecond),
        (err: unknown) => {
          bucket.failOpenUntil = this.now() + FAIL_OPEN_MS;
          this.deps.logger.warn({ err, action: 'rate_limits.lease_failed', tenantId }, 'leasing rate-limit tokens failed; requests go through unlimited for a second');
        },
      )
      .finally(() => {
        if (bucket.pending === pending) bucket.pending = null;
      });
    bucket.pending = pending;
    return pending;
  }

  private refuse(policy: RatePolicy, tenantId: string, reply: FastifyReply, done: Done): void {
    const now = this.now();
    const retryAfter = this.buckets.get(tenantId)?.retryAfterSeconds(now) ?? 1;
    this.deps.throttled.count(tenantId, 'requests', now);
    setRequestLimitHeaders(reply, policy, 0, retryAfter);
    done(
      new ProblemError(429, 'rate_limited', `Too many requests: this tenant may make ${policy.requestsPerSecond} per second (bursts of ${policy.burst}). Retry in ${retryAfter} s.`, {
        extra: { limit: policy.requestsPerSecond, burst: policy.burst, retryAfterSeconds: retryAfter, policy: policy.source },
      }),
    );
  }

  private openStream(policy: RatePolicy, limit: number, tenantId: string, req: FastifyRequest, reply: FastifyReply, done: Done): void {
    this.deps.streams.open(tenantId, limit).then(
      ({ id }) => {
        if (id) {
          // The row goes when the response ends, however it ends.
          let closed = false;
          const release = () => {
            if (closed) return;
            closed = true;
            void this.deps.streams.close(id).catch(() => undefined);
          };
          reply.raw.once('close', release);
          req.raw.once('close', () => {
            if (reply.raw.writableEnded || reply.raw.destroyed) release();
          });
          return done();
        }
        this.deps.throttled.count(tenantId, 'streams', this.now());
        setStreamLimitHeaders(reply, limit, STREAM_RETRY_AFTER_SECONDS);
        done(
          new ProblemError(429, 'too_many_streams', `Too many open streams: this tenant may hold ${limit} at once. Close one, or retry in ${STREAM_RETRY_AFTER_SECONDS} s.`, {
            extra: { limit, retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS, policy: policy.source },
          }),
        );
      },
      (err: unknown) => {
        this.deps.logger.warn({ err, action: 'rate_limits.stream_count_failed', tenantId }, 'counting open streams failed; the stream is let through');
        done();
      },
    );
  }
}
