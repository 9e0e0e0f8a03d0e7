import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import messaging from '@platform/plugin-messaging';
import resend from '@platform/plugin-email-resend';
import onboarding from '../src/index.ts';
import { BASE_URL, createOnboardingKernel, type OnboardingKernel } from './support/onboarding-kernel.ts';
import { expectProblem } from './support/problems.ts';

/** Two kernels on one database, as two instances behind a load balancer: the public forms' limits are counted once. */
describe('public-form rate limits across instances', () => {
  let k: OnboardingKernel;
  let a: TestKernel;
  let b: TestKernel;
  let ip = 0;
  const ask = (t: TestKernel, email: string, from = `10.55.0.${++ip % 250}`) =>
    t.kernel.app.inject({ method: 'POST', url: '/api/onboarding/password-resets', payload: { email }, remoteAddress: from });

  beforeAll(async () => {
    // Instances of one platform share its secret key (the link signing key is sealed with it).
    const secretKey = randomBytes(32);
    k = await createOnboardingKernel([], { config: { secretKey } });
    a = k.t;
    expect(a.databaseUrl, 'two instances need a PostgreSQL server database').toBeTruthy();
    b = await createTestKernel({ plugins: [messaging, resend, onboarding], databaseUrl: a.databaseUrl!, config: { baseUrl: BASE_URL, secretKey } });
  });
  afterAll(async () => {
    await b?.close();
    await k?.close();
  });

  it('counts the asks for one address on both instances together: the 4th in the hour is 429 wherever it lands', async () => {
    const email = 'shared-limit@example.com';
    for (const t of [a, b, a]) expect((await ask(t, email)).statusCode).toBe(202);
    const limited = await ask(b, email);
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    expectProblem(await ask(a, email), 429, 'rate_limited');
    // Another address is counted apart.
    expect((await ask(b, 'other-address@example.com')).statusCode).toBe(202);
    // Only hashes are stored: no address, no IP.
    const rows = await a.sql<{ scope: string; key_hash: string; count: number }>('SELECT scope, key_hash, count FROM onboarding_rate_limit_counters');
    expect(JSON.stringify(rows)).not.toMatch(/@|10\.55\./);
    expect(rows.find((r) => r.scope === 'password-reset.address' && r.count === 5)).toBeTruthy();
  });

  it('counts per client IP across instances, and concurrent hits are never lost', async () => {
    const from = '10.56.0.1';
    // 20 per 15 minutes per IP: 22 asks at once, split over the two instances, give exactly 20 accepted.
    const answers = await Promise.all(Array.from({ length: 22 }, (_, i) => ask(i % 2 ? a : b, `concurrent${i}@example.com`, from)));
    expect(answers.filter((r) => r.statusCode === 202)).toHaveLength(20);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(2);
  });

  it('a window that is over starts again at one; the prune job drops counters whose window is over', async () => {
    const email = 'window-over@example.com';
    for (let i = 0; i < 4; i++) await ask(i % 2 ? a : b, email);
    expectProblem(await ask(a, email), 429, 'rate_limited');
    await a.sql("UPDATE onboarding_rate_limit_counters SET reset_at = now() - interval '1 second'");
    expect((await ask(b, email)).statusCode).toBe(202);
    // Live now: that ask's address counter (back at one) and its client IP's counter.
    const live = await a.sql<{ scope: string; count: number }>('SELECT scope, count FROM onboarding_rate_limit_counters WHERE reset_at > now() ORDER BY scope');
    expect(live).toEqual([{ scope: 'password-reset.address', count: 1 }, { scope: 'password-reset.ip', count: 1 }]);
    await a.kernel.services.jobs.runNow('onboarding.prune-rate-limits');
    expect(await a.sql('SELECT scope FROM onboarding_rate_limit_counters WHERE reset_at < now()')).toEqual([]);
    expect(await a.sql('SELECT scope FROM onboarding_rate_limit_counters')).toHaveLength(2);
  });
});
