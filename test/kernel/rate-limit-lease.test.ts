import { describe, expect, it } from 'vitest';
import { LEASE_TTL_MS, leaseSize, LocalBucket, MAX_LEASE, msUntilToken } from '../../core/src/rate-limits/token-lease.ts';
import { PolicyBook } from '../../core/src/rate-limits/policy-book.ts';
import { RateLimiter } from '../../core/src/rate-limits/rate-limiter.ts';
import type { RatePolicy } from '../../core/src/rate-limits/rate-policy.ts';

const policy = (requestsPerSecond: number, burst = requestsPerSecond, extra: Partial<RatePolicy> = {}): RatePolicy => ({
  id: `p-${requestsPerSecond}`, source: 'tenant', planKey: null, tenantId: 't1', requestsPerSecond, burst, concurrentStreams: null, ...extra,
});

describe('lease size', () => {
  it('leases one token at a time for small limits, so instances share them exactly', () => {
    expect(leaseSize(policy(1))).toBe(1);
    expect(leaseSize(policy(10))).toBe(1);
    expect(leaseSize(policy(39))).toBe(1);
  });
  it('leases about 1/20 s of the rate for large limits, at most a tenth of the burst and MAX_LEASE', () => {
    expect(leaseSize(policy(1000))).toBe(50);
    expect(leaseSize(policy(1000, 100))).toBe(10);
    expect(leaseSize(policy(1_000_000))).toBe(MAX_LEASE);
  });
});

describe('msUntilToken', () => {
  it('is the time the refill needs to make one whole token', () => {
    expect(msUntilToken(0, 10)).toBe(100);
    expect(msUntilToken(0.5, 10)).toBe(50);
    expect(msUntilToken(0, 1)).toBe(1000);
    expect(msUntilToken(1, 1)).toBe(0);
    expect(msUntilToken(0.999, 1000)).toBe(1);
  });
});

describe('LocalBucket', () => {
  it('spends leased tokens, then asks for a lease', () => {
    const b = new LocalBucket();
    expect(b.take(0)).toBe('lease');
    b.receive({ granted: 2, available: 5 }, 0, 10);
    expect([b.take(1), b.take(2), b.take(3)]).toEqual(['allow', 'allow', 'lease']);
  });
  it('drops tokens not used within the lease lifetime', () => {
    const b = new LocalBucket();
    b.receive({ granted: 3, available: 5 }, 0, 10);
    expect(b.take(LEASE_TTL_MS - 1)).toBe('allow');
    expect(b.take(LEASE_TTL_MS)).toBe('lease');
    b.receive({ granted: 1, available: 5 }, LEASE_TTL_MS, 10);
    expect(b.tokens).toBe(1);
  });
  it('refuses without asking again until the shared bucket has a whole token', () => {
    const b = new LocalBucket();
    b.receive({ granted: 0, available: 0.25 }, 1000, 10); // 75 ms to the next token at 10/s
    expect(b.take(1000)).toBe('deny');
    expect(b.take(1074)).toBe('deny');
    expect(b.retryAfterSeconds(1000)).toBe(1);
    expect(b.take(1075)).toBe('lease');
  });
  it('spends a last grant before refusing', () => {
    const b = new LocalBucket();
    b.receive({ granted: 1, available: 0 }, 0, 1);
    expect(b.take(1)).toBe('allow');
    expect(b.take(2)).toBe('deny');
    expect(b.retryAfterSeconds(2)).toBe(1);
  });
  it('prefetches only leases larger than one, and one at a time', () => {
    const b = new LocalBucket();
    expect(b.wantsPrefetch(1)).toBe(false);
    expect(b.wantsPrefetch(50)).toBe(true);
    b.pending = Promise.resolve();
    expect(b.wantsPrefetch(50)).toBe(false);
  });
});

describe('PolicyBook', () => {
  it("is inactive without policies, and prefers a tenant's override to its plan's policy", async () => {
    const book = new PolicyBook({ planKeyOf: async (t) => (t === 't1' || t === 't2' ? 'pro' : null) });
    expect(book.active).toBe(false);
    const plan = policy(5, 5, { id: 'plan', source: 'plan', planKey: 'pro', tenantId: null });
    const own = policy(50, 50, { id: 'own', tenantId: 't1' });
    book.replace([plan, own]);
    expect(book.active).toBe(true);
    expect(book.forTenant('t1')).toBe(own);
    expect(await book.forTenant('t2')).toBe(plan); // read once...
    expect(book.forTenant('t2')).toBe(plan); // ...then from memory
    expect(await book.forTenant('t3')).toBeUndefined();
  });
  it('answers at once (no promise) when only overrides exist', () => {
    const book = new PolicyBook({ planKeyOf: async () => { throw new Error('never asked'); } });
    book.replace([policy(5, 5, { tenantId: 't1' })]);
    expect(book.forTenant('t9')).toBeUndefined();
  });
  it('treats a failing plan read as no plan policy', async () => {
    const book = new PolicyBook({ planKeyOf: async () => { throw new Error('plans down'); } });
    book.replace([policy(5, 5, { source: 'plan', planKey: 'pro', tenantId: null })]);
    expect(await book.forTenant('t1')).toBeUndefined();
  });
});

describe('RateLimiter.take against a counting bucket', () => {
  const limiterWith = (bucket: { tokens: number }, p: RatePolicy, now: () => number) => {
    const policies = new PolicyBook({ planKeyOf: async () => null });
    policies.replace([p]);
    let leases = 0;
    const limiter = new RateLimiter({
      policies,
      lease: async (_t, _rate, _burst, want) => {
        leases++;
        const granted = Math.min(want, Math.floor(bucket.tokens));
        bucket.tokens -= granted;
        return { granted, available: bucket.tokens };
      },
      streams: { open: async () => ({ id: null, open: 0 }), close: async () => undefined },
      throttled: { count: () => undefined },
      logger: { warn: () => undefined },
      now,
    });
    return { limiter, leases: () => leases };
  };

  it('admits what the bucket holds and then refuses from memory', async () => {
    const shared = { tokens: 10 };
    const p = policy(10);
    const { limiter, leases } = limiterWith(shared, p, () => 0);
    const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.take(p, 't1')));
    expect(decisions.filter(Boolean)).toHaveLength(10);
    const before = leases();
    for (let i = 0; i < 100; i++) expect(limiter.take(p, 't1')).toBe(false);
    expect(leases()).toBe(before);
  });

  it('leases in batches for a large limit: a thousand requests cost a few dozen leases', async () => {
    const shared = { tokens: 100_000 };
    const p = policy(100_000);
    const { limiter, leases } = limiterWith(shared, p, () => 0);
    let admitted = 0;
    for (let i = 0; i < 1000; i++) {
      const d = limiter.take(p, 't1');
      if (d === true || (d !== false && (await d))) admitted++;
    }
    expect(admitted).toBe(1000);
    expect(leases()).toBeLessThanOrEqual(2);
  });

  it('lets requests through when leasing fails (the database is down), without asking on every request', async () => {
    const p = policy(10);
    const policies = new PolicyBook({ planKeyOf: async () => null });
    policies.replace([p]);
    let calls = 0;
    const limiter = new RateLimiter({
      policies,
      lease: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED');
      },
      streams: { open: async () => ({ id: null, open: 0 }), close: async () => undefined },
      throttled: { count: () => undefined },
      logger: { warn: () => undefined },
      now: () => 0,
    });
    expect(await limiter.take(p, 't1')).toBe(true);
    for (let i = 0; i < 20; i++) expect(limiter.take(p, 't1')).toBe(true);
    expect(calls).toBe(1);
  });
});

describe('PolicyBook plan reads', () => {
  it("reads a tenant's plan once for requests arriving together", async () => {
    let reads = 0;
    const book = new PolicyBook({ planKeyOf: async () => (reads++, 'pro') });
    book.replace([policy(5, 5, { source: 'plan', planKey: 'pro', tenantId: null })]);
    await Promise.all(Array.from({ length: 10 }, () => book.forTenant('t1')));
    expect(reads).toBe(1);
  });
});
