import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestKernel } from '@platform/sdk/testing';
import featureFlags from '@platform/plugin-feature-flags';
import plans from '@platform/plugin-plans';
import { solveProof, isValidProof, leadingZeroBits } from '../src/signup/proof-of-work.ts';
import { createOnboardingKernel, type Mailbox, type OnboardingKernel } from './support/onboarding-kernel.ts';
import { expectProblem } from './support/problems.ts';

describe('proof of work', () => {
  it('counts leading zero bits and checks a solved challenge', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x10, 0xff]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
    const nonce = solveProof('abc', 12);
    expect(isValidProof('abc', nonce, 12)).toBe(true);
    expect(isValidProof('abd', nonce, 12) && isValidProof('abe', nonce, 12) && isValidProof('abf', nonce, 12)).toBe(false);
  });
});

describe('self-signup', () => {
  let k: OnboardingKernel;
  let t: TestKernel;
  let mailbox: Mailbox;
  let ipSeq = 0;
  const post = (url: string, payload?: unknown, ip = `10.88.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}`) =>
    t.kernel.app.inject({ method: 'POST', url, payload: payload as any, remoteAddress: ip });

  const setSignupFlag = async (on: boolean) => {
    const flag = (await t.inject('/api/feature-flags/flags/platform.new_tenant_signup')).json() as Record<string, unknown>;
    const res = await t.inject({ method: 'PUT', url: `/api/feature-flags/flags/${flag.id}`, payload: { ...flag, enabled: on, reason: 'test' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  const solvedForm = async (fields: Record<string, unknown>) => {
    const c = await post('/api/onboarding/signups/challenge');
    expect(c.statusCode, c.body).toBe(201);
    const { challenge, difficulty } = c.json();
    expect(difficulty).toBe(16);
    return { ...fields, challenge, nonce: solveProof(challenge, difficulty) };
  };

  beforeAll(async () => {
    k = await createOnboardingKernel([featureFlags, plans]);
    t = k.t;
    mailbox = k.mailbox;
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'starter', name: 'Starter', priceAmount: 1900, currency: 'USD', interval: 'monthly', trialDays: 14, isDefault: true } });
    expect(plan.statusCode, plan.body).toBe(201);
  });
  afterAll(async () => k?.close());

  it('is closed while the flag is off: the API answers 403 signup_closed', async () => {
    await setSignupFlag(false);
    try {
      expect((await t.kernel.app.inject('/api/onboarding/signups/status')).json()).toEqual({ open: false });
      expectProblem(await post('/api/onboarding/signups/challenge'), 403, 'signup_closed');
      expectProblem(await post('/api/onboarding/signups', { email: 'a@closed.example', name: 'A', companyName: 'Closed', slug: 'closed', challenge: 'x', nonce: '1' }), 403, 'signup_closed');
      expectProblem(await post('/api/onboarding/signups/verify', { token: 'sgn_x', password: 'long-enough-1' }), 403, 'signup_closed');
    } finally {
      await setSignupFlag(true);
    }
    expect((await t.kernel.app.inject('/api/onboarding/signups/status')).json()).toEqual({ open: true });
  });

  it('creates the tenant only after the email is verified: provisioned, on the default plan in trial, with trial SMS credits and its admin', async () => {
    const form = await solvedForm({ email: 'Founder@Acme.example', name: 'Ada Founder', companyName: 'Acme Rockets', slug: 'acme-rockets' });
    const res = await post('/api/onboarding/signups', form);
    expect(res.statusCode, res.body).toBe(202);
    // Nothing exists yet but the pending signup.
    expect(await t.sql('SELECT id FROM tenants WHERE slug = $1', ['acme-rockets'])).toEqual([]);
    expect(await t.sql('SELECT id FROM users WHERE email = $1', ['founder@acme.example'])).toEqual([]);
    const token = mailbox.tokenFor('founder@acme.example', 'verify-signup');

    expect((await post('/api/onboarding/signups/preview', { token })).json()).toEqual({ email: 'founder@acme.example', name: 'Ada Founder', companyName: 'Acme Rockets', slug: 'acme-rockets' });
    const verified = await post('/api/onboarding/signups/verify', { token, password: 'rocket-password-1' });
    expect(verified.statusCode, verified.body).toBe(201);
    expect(verified.json()).toMatchObject({ tenantSlug: 'acme-rockets', tenantStatus: 'active', email: 'founder@acme.example' });
    const tenantId = verified.json().tenantId;

    const steps = await t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1 ORDER BY plugin', [tenantId]);
    // Every plugin that seeds defaults: the flag set, the tenant's template copies, trial credits, the default plan.
    expect(steps).toEqual([
      { plugin: 'feature-flags', status: 'succeeded' },
      { plugin: 'messaging', status: 'succeeded' },
      { plugin: 'onboarding', status: 'succeeded' },
      { plugin: 'plans', status: 'succeeded' },
    ]);
    const [assignment] = await t.sql<{ trial_ends_at: Date | null }>('SELECT trial_ends_at FROM plans_assignments WHERE tenant_id = $1', [tenantId]);
    expect(new Date(assignment.trial_ends_at!).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    const credits = await t.inject(`/api/messaging/credits/${tenantId}`);
    expect(credits.statusCode, credits.body).toBe(200);
    expect(credits.json().balance).toBe(50);

    const login = await post('/api/auth/login', { email: 'founder@acme.example', password: 'rocket-password-1' });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user).toMatchObject({ kind: 'tenant', tenantId, roles: ['tenant_admin'] });

    // The link works once.
    expectProblem(await post('/api/onboarding/signups/verify', { token, password: 'rocket-password-2' }), 410, 'signup_link_used', 'token');
    // The address is now taken.
    expectProblem(await post('/api/onboarding/signups', await solvedForm({ email: 'other@acme2.example', name: 'O', companyName: 'Other', slug: 'acme-rockets' })), 409, 'slug_taken', 'slug');
    expect((await t.kernel.app.inject('/api/onboarding/signups/slug-availability?slug=acme-rockets')).json()).toMatchObject({ available: false });
    expect((await t.kernel.app.inject('/api/onboarding/signups/slug-availability?slug=free-one')).json()).toMatchObject({ available: true, valid: true });
  });

  it('refuses an expired verification link', async () => {
    await post('/api/onboarding/signups', await solvedForm({ email: 'late@slow.example', name: 'Late', companyName: 'Slow Co', slug: 'slow-co' }));
    const token = mailbox.tokenFor('late@slow.example', 'verify-signup');
    await t.sql(`UPDATE onboarding_signups SET expires_at = now() - interval '1 second' WHERE slug = 'slow-co'`);
    expectProblem(await post('/api/onboarding/signups/verify', { token, password: 'long-enough-1' }), 410, 'signup_link_expired');
    expect(await t.sql('SELECT id FROM tenants WHERE slug = $1', ['slow-co'])).toEqual([]);
  });

  it('needs a solved, unused challenge', async () => {
    const c = (await post('/api/onboarding/signups/challenge')).json();
    const base = { email: 'bot@pow.example', name: 'B', companyName: 'Pow', slug: 'pow-co', challenge: c.challenge };
    let wrong = 0;
    while (isValidProof(c.challenge, String(wrong), c.difficulty)) wrong++;
    expectProblem(await post('/api/onboarding/signups', { ...base, nonce: String(wrong) }), 400, 'validation_failed', 'nonce');
    // A challenge is spent by its first use, solved or not.
    expectProblem(await post('/api/onboarding/signups', { ...base, nonce: solveProof(c.challenge, c.difficulty) }), 400, 'validation_failed', 'challenge');
    expectProblem(await post('/api/onboarding/signups', { ...base, challenge: 'made-up', nonce: '1' }), 400, 'validation_failed', 'challenge');
  });

  it('drops a form whose honeypot field is filled, with the usual answer', async () => {
    const before = mailbox.sent.length;
    const res = await post('/api/onboarding/signups', await solvedForm({ email: 'spam@bots.example', name: 'S', companyName: 'Spam', slug: 'spam-co', website: 'http://spam.example' }));
    expect(res.statusCode).toBe(202);
    expect(await t.sql(`SELECT id FROM onboarding_signups WHERE slug = 'spam-co'`)).toEqual([]);
    expect(mailbox.sent.length).toBe(before);
  });

  it('rate-limits per client IP and per email domain', async () => {
    const junk = (email: string) => ({ email, name: 'R', companyName: 'R', slug: 'rate-co', challenge: 'junk', nonce: '1' });
    for (let i = 0; i < 5; i++) expect((await post('/api/onboarding/signups', junk(`u${i}@ip-limit.example`), '10.99.0.1')).statusCode).toBe(400);
    expectProblem(await post('/api/onboarding/signups', junk('u6@ip-limit2.example'), '10.99.0.1'), 429, 'rate_limited');
    for (let i = 0; i < 10; i++) expect((await post('/api/onboarding/signups', junk(`u${i}@same-domain.example`), `10.99.1.${i}`)).statusCode).toBe(400);
    const limited = await post('/api/onboarding/signups', junk('u11@same-domain.example'), '10.99.1.200');
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const good = { email: 'ok@fine.example', name: 'N', companyName: 'C', slug: 'fine-co', challenge: 'c', nonce: '1' };
    expectProblem(await post('/api/onboarding/signups', { ...good, slug: 'Not A Slug!' }), 400, 'validation_failed', 'slug');
    expectProblem(await post('/api/onboarding/signups', { ...good, email: 'nope' }), 400, 'validation_failed', 'email');
    expectProblem(await post('/api/onboarding/signups', { ...good, name: 42 }), 400, 'validation_failed', 'name');
    expectProblem(await post('/api/onboarding/signups', { ...good, companyName: 'x\u0000' }), 400, 'validation_failed', 'companyName');
    expectProblem(await post('/api/onboarding/signups/verify', { token: 'sgn_nope', password: 'x' }), 400, 'validation_failed', 'password');
  });
});
