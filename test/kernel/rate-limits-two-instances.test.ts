import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { SharedBuckets } from '../../core/src/rate-limits/shared-buckets.ts';
import { PolicyBook } from '../../core/src/rate-limits/policy-book.ts';
import { RateLimiter } from '../../core/src/rate-limits/rate-limiter.ts';
import type { RatePolicy } from '../../core/src/rate-limits/rate-policy.ts';
import { streamPlugin } from './support/stream-plugin.ts';

/**
 * Two kernels on one database share each tenant's bucket: a policy of 10 per second admits 10 in total
 * across both, not 10 each.
 */
describe('rate limits across two instances', () => {
  let a: TestKernel;
  let b: TestKernel;
  let member: TestClient;

  beforeAll(async () => {
    a = await createTestKernel({ plugins: [streamPlugin] });
    b = await createTestKernel({ plugins: [streamPlugin], databaseUrl: a.databaseUrl! });
    member = await a.signIn({ role: 'tenant_member', tenant: 'two-instances' });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('admits 10 in total across both kernels for a policy of 10 per second (the bucket refills only with time)', async () => {
    const created = await a.inject({ method: 'POST', url: '/api/rate-limits', payload: { appliesTo: 'tenant', tenantId: member.tenant!.id, requestsPerSecond: 10, burst: 10 } });
    expect(created.statusCode, created.body).toBe(201);
    // The other instance hears of the new policy (LISTEN/NOTIFY); wait until it applies it.
    for (let i = 0; i < 100 && !b.kernel.services.rateLimits.policies.active; i++) await new Promise((r) => setTimeout(r, 20));
    expect(b.kernel.services.rateLimits.policies.active).toBe(true);

    const headers = { authorization: `Bearer ${member.token}` };
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? b : a).kernel.app.inject({ url: '/api/stream-fixture/ping', headers }).then((res) => ({ on: i % 2 ? 'b' : 'a', status: res.statusCode }))),
    );
    const elapsedS = (Date.now() - started) / 1000;
    const admitted = answers.filter((x) => x.status === 200);
    expect(answers.every((x) => x.status === 200 || x.status === 429)).toBe(true);
    // 10 from the full bucket, plus what refilled (10 per second) while the 40 requests ran; each kernel alone
    // would admit 10 more.
    expect(admitted.length).toBeGreaterThanOrEqual(10);
    expect(admitted.length).toBeLessThanOrEqual(10 + Math.floor(10 * elapsedS));
    expect(admitted.length).toBeLessThan(20 + Math.floor(10 * elapsedS));
    expect(answers.filter((x) => x.on === 'b').length).toBe(20);
  });

  it('admits exactly the burst across two limiters leasing from one bucket when no time passes', async () => {
    const tenant = await a.tenant('two-instances-exact');
    const policy: RatePolicy = { id: 'p', source: 'tenant', planKey: null, tenantId: tenant.id, requestsPerSecond: 10, burst: 10, concurrentStreams: null };
    const frozen = new Date('2030-01-01T00:00:00Z');
    const limiterOn = (k: TestKernel) => {
      const buckets = new SharedBuckets(k.kernel.orm);
      const policies = new PolicyBook({ planKeyOf: async () => null });
      policies.replace([policy]);
      return new RateLimiter({
        policies,
        lease: (tenantId, rate, burst, want) => buckets.lease(tenantId, rate, burst, want, frozen),
        streams: { open: async () => ({ id: null, open: 0 }), close: async () => undefined },
        throttled: { count: () => undefined },
        logger: { warn: () => undefined },
        now: () => frozen.getTime(),
      });
    };
    const [one, two] = [limiterOn(a), limiterOn(b)];
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? two : one).take(policy, tenant.id)));
    expect(decisions.filter(Boolean)).toHaveLength(10);
    // And once the bucket's clock moves on by half a second, 5 more (10 per second).
    const later = new SharedBuckets(b.kernel.orm);
    const grants = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? later : new SharedBuckets(a.kernel.orm)).lease(tenant.id, 10, 10, 1, new Date(frozen.getTime() + 500))));
    expect(grants.reduce((n, g) => n + g.granted, 0)).toBe(5);
  });
});
