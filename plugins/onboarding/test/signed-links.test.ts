import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestKernel } from '@platform/sdk/testing';
import { checkLinkToken, hashLinkToken, newLinkToken } from '../src/links/single-use-token.ts';
import { createOnboardingKernel, type Mailbox, type OnboardingKernel } from './support/onboarding-kernel.ts';
import { eventually, expectProblem } from './support/problems.ts';

/** Alters one character of `part` (0 nonce, 1 expiry, 2 signature) of a token `kind_nonce.expires.signature`. */
function tamper(token: string, part: 0 | 1 | 2): string {
  const [kind, rest] = [token.slice(0, 4), token.slice(4)];
  const parts = rest.split('.');
  const s = parts[part];
  const flip = (c: string) => (part === 1 ? String((Number(c) + 1) % 10) : c === 'A' ? 'B' : 'A');
  parts[part] = s.slice(0, -2) + flip(s.at(-2)!) + s.slice(-1);
  return kind + parts.join('.');
}

describe('signed link tokens', () => {
  const key = randomBytes(32);
  const now = Date.parse('2026-12-07T12:00:00Z');
  const token = newLinkToken('inv', key, new Date(now + 3600_000));

  it('carries its expiry in the signed payload and is found by its hash', () => {
    expect(token).toMatch(/^inv_[A-Za-z0-9_-]{43}\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(token.split('.')[1]).toBe(String((now + 3600_000) / 1000));
    expect(checkLinkToken('inv', token, key, now)).toEqual({ status: 'valid', hash: hashLinkToken(token) });
  });

  it('refuses an altered nonce, expiry or signature, another kind, another key, and junk', () => {
    for (const part of [0, 1, 2] as const) expect(checkLinkToken('inv', tamper(token, part), key, now)).toEqual({ status: 'invalid' });
    expect(checkLinkToken('pwr', 'pwr_' + token.slice(4), key, now)).toEqual({ status: 'invalid' });
    expect(checkLinkToken('inv', token, randomBytes(32), now)).toEqual({ status: 'invalid' });
    for (const junk of ['', 'inv_', 'inv_x.1.y', 42, null, `${token}\u0000`, token + '.'.repeat(300)]) expect(checkLinkToken('inv', junk, key, now)).toEqual({ status: 'invalid' });
  });

  it('is expired once its signed expiry has passed, whatever the database says', () => {
    expect(checkLinkToken('inv', token, key, now + 3600_000)).toEqual({ status: 'expired' });
  });
});

describe('signed links end to end (invitation, password reset)', () => {
  let k: OnboardingKernel;
  let t: TestKernel;
  let mailbox: Mailbox;
  let ip = 0;
  const post = (url: string, payload: unknown) => t.kernel.app.inject({ method: 'POST', url, payload: payload as any, remoteAddress: `10.66.0.${++ip % 250}` });

  beforeAll(async () => {
    k = await createOnboardingKernel();
    t = k.t;
    mailbox = k.mailbox;
    const tenant = await t.tenant('links-a');
    const user = await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'linked@example.com', name: 'Linked', password: 'old-password-1', kind: 'tenant', tenantId: tenant.id, roles: ['tenant_member'] } });
    expect(user.statusCode, user.body).toBe(201);
  });
  afterAll(async () => k?.close());
  afterEach(() => void vi.useRealTimers());

  const invite = async (email: string) => {
    const tenant = await t.tenant('links-a');
    const res = await t.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email, role: 'tenant_member', tenantId: tenant.id } });
    expect(res.statusCode, res.body).toBe(201);
    return mailbox.tokenFor(email, 'accept-invitation');
  };

  it('an invitation link: the stored row holds only its hash; tampered is 404, the real one works once, then 410 used', async () => {
    const token = await invite('tamper@example.com');
    expect(await t.sql('SELECT id FROM onboarding_invitations WHERE token_hash = $1', [hashLinkToken(token)])).toHaveLength(1);
    expect(JSON.stringify(await t.sql('SELECT * FROM onboarding_invitations'))).not.toContain(token.split('.')[0].slice(4));
    // The signing key is stored sealed with the kernel's key.
    const [stored] = await t.sql<{ sealed_key: string }>('SELECT sealed_key FROM onboarding_link_keys');
    expect(stored.sealed_key).toMatch(/^enc:/);
    for (const part of [0, 1, 2] as const) {
      expectProblem(await post('/api/onboarding/invitations/preview', { token: tamper(token, part) }), 404, 'invitation_not_found', 'token');
      expectProblem(await post('/api/onboarding/invitations/accept', { token: tamper(token, part), password: 'a-good-password-1' }), 404, 'invitation_not_found', 'token');
    }
    const accepted = await post('/api/onboarding/invitations/accept', { token, password: 'a-good-password-1' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expectProblem(await post('/api/onboarding/invitations/accept', { token, password: 'another-password-2' }), 410, 'invitation_used', 'token');
  });

  it('an invitation link past its signed expiry is 410 expired even where its row says otherwise', async () => {
    const token = await invite('late@example.com');
    await t.sql("UPDATE onboarding_invitations SET expires_at = now() + interval '30 days' WHERE email = 'late@example.com'");
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 8 * 86_400_000);
    expectProblem(await post('/api/onboarding/invitations/accept', { token, password: 'a-good-password-1' }), 410, 'invitation_expired', 'token');
    vi.useRealTimers();
    expect((await post('/api/onboarding/invitations/preview', { token })).statusCode).toBe(200);
  });

  it('a reset link: tampered 404, signed expiry 410 expired, used once then 410 used', async () => {
    expect((await post('/api/onboarding/password-resets', { email: 'linked@example.com' })).statusCode).toBe(202);
    await eventually(() => mailbox.sent.some((m) => m.to.some((x) => x.includes('linked@example.com'))), 'the reset email');
    const token = mailbox.tokenFor('linked@example.com', 'reset-password');
    expect(token.startsWith('pwr_')).toBe(true);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token: tamper(token, 2), password: 'new-password-22' }), 404, 'reset_link_not_found', 'token');
    expectProblem(await post('/api/onboarding/password-resets/complete', { token: tamper(token, 1), password: 'new-password-22' }), 404, 'reset_link_not_found', 'token');
    await t.sql("UPDATE onboarding_password_resets SET expires_at = now() + interval '30 days' WHERE used_at IS NULL");
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31 * 60_000);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token, password: 'new-password-22' }), 410, 'reset_link_expired', 'token');
    vi.useRealTimers();
    const done = await post('/api/onboarding/password-resets/complete', { token, password: 'new-password-22' });
    expect(done.statusCode, done.body).toBe(200);
    expectProblem(await post('/api/onboarding/password-resets/complete', { token, password: 'third-password-3' }), 410, 'reset_link_used', 'token');
  });
});
