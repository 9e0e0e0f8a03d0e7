import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import messaging from '@platform/plugin-messaging';
import onboarding from '../src/index.ts';

/**
 * The README's first command runs on the embedded database (PGlite): provisioning seeds every default there too
 * (flags, template copies, menu layout), and the public forms' shared rate limits and signed links work on it.
 */
describe('provisioning defaults on the embedded database', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ database: 'embedded', plugins: [featureFlags, messaging, onboarding] });
  }, 120_000);
  afterAll(async () => t?.close());

  it('creates an active tenant with its defaults, and counts a public form', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'embedded-co', name: 'Embedded Co' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    const id = res.json().id as string;
    const count = async (sql: string) => (await t.sql<{ n: number }>(sql, [id]))[0].n;
    expect(await count('SELECT count(*)::int AS n FROM feature_flag_overrides WHERE tenant_id = $1')).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM messaging_templates WHERE tenant_id = $1')).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM nav_overrides WHERE tenant_id = $1')).toBe(1);
    const asked = await t.kernel.app.inject({ method: 'POST', url: '/api/onboarding/password-resets', payload: { email: 'nobody@embedded.example' } });
    expect(asked.statusCode, asked.body).toBe(202);
    expect((await t.sql<{ count: number }>("SELECT count FROM onboarding_rate_limit_counters WHERE scope = 'password-reset.address'"))[0].count).toBe(1);
  });
});
