import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestKernel } from '@platform/sdk/testing';
import { createOnboardingKernel, type Mailbox, type OnboardingKernel } from './support/onboarding-kernel.ts';
import { eventually, expectProblem } from './support/problems.ts';

describe('password reset', () => {
  let k: OnboardingKernel;
  let t: TestKernel;
  let mailbox: Mailbox;
  let ipSeq = 0;
  const post = (url: string, payload: unknown, ip = `10.77.0.${++ipSeq % 250}`) => t.kernel.app.inject({ method: 'POST', url, payload: payload as any, remoteAddress: ip });
  const login = (email: string, password: string) => post('/api/auth/login', { email, password });
  const mailCount = (to: string) => mailbox.sent.filter((m) => m.to.some((x) => x.includes(to))).length;

  beforeAll(async () => {
    k = await createOnboardingKernel();
    t = k.t;
    mailbox = k.mailbox;
    const tenant = await t.tenant('reset-a');
    const created = await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'forgetful@example.com', name: 'Forgetful', password: 'old-password-1', kind: 'tenant', tenantId: tenant.id, roles: ['tenant_member'] } });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => k?.close());

  it('answers the same for an unknown address and a known one; only the known one gets a link', async () => {
    const unknown = await post('/api/onboarding/password-resets', { email: 'nobody@example.com' });
    const known = await post('/api/onboarding/password-resets', { email: 'Forgetful@Example.com' });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    await eventually(() => mailCount('forgetful@example.com') === 1, 'the reset email');
    expect(mailCount('nobody@example.com')).toBe(0);
    expect(mailbox.lastTo('forgetful@example.com')!.subject).toContain('Reset your');
  });

  it('sets the new password once, ends the old sessions, and refuses the reused link', async () => {
    const session = (await login('forgetful@example.com', 'old-password-1')).json().token as string;
    const me = () => t.kernel.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${session}` } });
    expect((await me()).statusCode).toBe(200);

    const replaced = mailbox.tokenFor('forgetful@example.com', 'reset-password');
    await post('/api/onboarding/password-resets', { email: 'forgetful@example.com' });
    await eventually(() => mailCount('forgetful@example.com') === 2, 'a second reset email');
    const token = mailbox.tokenFor('forgetful@example.com', 'reset-password');
    // The newer link replaces the earlier one.
    expect(token).not.toBe(replaced);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token: replaced, password: 'whatever-pass-1' }), 410, 'reset_link_used');
    const [stored] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM onboarding_password_resets WHERE token_hash LIKE $1', [`%${token}%`]);
    expect(stored.n).toBe(0);

    expect((await post('/api/onboarding/password-resets/preview', { token })).statusCode).toBe(200);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token, password: 'short' }), 400, 'validation_failed', 'password');
    const done = await post('/api/onboarding/password-resets/complete', { token, password: 'new-password-22' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await login('forgetful@example.com', 'new-password-22')).statusCode).toBe(200);
    expectProblem(await login('forgetful@example.com', 'old-password-1'), 401, 'invalid_credentials');
    expect((await me()).statusCode).toBe(401);

    expectProblem(await post('/api/onboarding/password-resets/complete', { token, password: 'third-password-3' }), 410, 'reset_link_used', 'token');
    expectProblem(await post('/api/onboarding/password-resets/preview', { token }), 410, 'reset_link_used');
    const actions = (await t.sql<{ action: string }>(`SELECT action FROM audit WHERE action LIKE 'onboarding.password_reset.%' ORDER BY at`)).map((a) => a.action);
    expect(actions).toContain('onboarding.password_reset.completed');
  });

  it('limits links per address, and refuses an expired link', async () => {
    await post('/api/onboarding/password-resets', { email: 'forgetful@example.com' });
    await eventually(() => mailCount('forgetful@example.com') === 3, 'a third reset email');
    const token = mailbox.tokenFor('forgetful@example.com', 'reset-password');
    // The address is limited to 3 asks an hour, whatever the client's IP: the fourth gets the 429, and no email.
    const limited = await post('/api/onboarding/password-resets', { email: 'forgetful@example.com' }, '10.78.0.2');
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    await t.sql(`UPDATE onboarding_password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token, password: 'whatever-pass-1' }), 410, 'reset_link_expired', 'token');
    expectProblem(await post('/api/onboarding/password-resets/preview', { token: 'pwr_nope' }), 404, 'reset_link_not_found');
    expect((await login('forgetful@example.com', 'new-password-22')).statusCode).toBe(200);
    expect(mailCount('forgetful@example.com')).toBe(3);
  });

  it('rate-limits asks per client IP, for known and unknown addresses alike', async () => {
    const ip = '10.79.0.9';
    for (let i = 0; i < 20; i++) expect((await post('/api/onboarding/password-resets', { email: `someone${i}@example.com` }, ip)).statusCode).toBe(202);
    expectProblem(await post('/api/onboarding/password-resets', { email: 'someone-else@example.com' }, ip), 429, 'rate_limited');
    expect((await post('/api/onboarding/password-resets', { email: 'someone-else@example.com' }, '10.79.0.10')).statusCode).toBe(202);
  });

  it('refuses bad input with 400 naming the field', async () => {
    expectProblem(await post('/api/onboarding/password-resets', { email: 'not an email' }), 400, 'validation_failed', 'email');
    expectProblem(await post('/api/onboarding/password-resets', { email: ['a@example.com'] }), 400, 'validation_failed', 'email');
    expectProblem(await post('/api/onboarding/password-resets', { email: 'a\u0000@example.com' }), 400, 'validation_failed', 'email');
    expectProblem(await post('/api/onboarding/password-resets/complete', { token: 7, password: 'long-enough-1' }), 400, 'validation_failed', 'token');
  });
});
