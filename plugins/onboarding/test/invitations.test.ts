import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestKernel } from '@platform/sdk/testing';
import { createOnboardingKernel, type Mailbox, type OnboardingKernel } from './support/onboarding-kernel.ts';
import { expectProblem } from './support/problems.ts';

describe('invitations', () => {
  let k: OnboardingKernel;
  let t: TestKernel;
  let mailbox: Mailbox;
  let adminA: TestClient;
  let adminB: TestClient;
  const anonymous = (url: string, payload: unknown) => t.kernel.app.inject({ method: 'POST', url, payload: payload as any });
  const login = (email: string, password: string) => anonymous('/api/auth/login', { email, password });

  beforeAll(async () => {
    k = await createOnboardingKernel();
    t = k.t;
    mailbox = k.mailbox;
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'inv-a' });
    adminB = await t.signIn({ role: 'tenant_admin', tenant: 'inv-b' });
  });
  afterAll(async () => k?.close());

  it('a tenant admin invites by email; the link shows the invitation, sets the password once, and the user signs in', async () => {
    const res = await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'New.Member@Example.com', role: 'tenant_member', name: 'New Member' } });
    expect(res.statusCode, res.body).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({ email: 'new.member@example.com', role: 'tenant_member', kind: 'tenant', tenantId: adminA.tenant!.id, status: 'pending', sendCount: 1, lastSendError: null });
    expect(inv).not.toHaveProperty('tokenHash');
    const days = (new Date(inv.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const mail = mailbox.lastTo('new.member@example.com')!;
    expect(mail.subject).toContain('inv a');
    const token = mailbox.tokenFor('new.member@example.com', 'accept-invitation');
    expect(mail.html).toContain('https://console.platform.test/accept-invitation?token');
    // Only the hash is stored.
    const [stored] = await t.sql<{ token_hash: string }>('SELECT token_hash FROM onboarding_invitations WHERE id = $1', [inv.id]);
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const preview = await anonymous('/api/onboarding/invitations/preview', { token });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ email: 'new.member@example.com', tenantName: 'inv a', role: 'tenant_member' });

    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token, password: 'short' }), 400, 'validation_failed', 'password');
    const accepted = await anonymous('/api/onboarding/invitations/accept', { token, name: 'Nia Member', password: 'chosen-password-1' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ email: 'new.member@example.com', name: 'Nia Member', tenantId: adminA.tenant!.id });

    const signedIn = await login('new.member@example.com', 'chosen-password-1');
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().user).toMatchObject({ kind: 'tenant', tenantId: adminA.tenant!.id, roles: ['tenant_member'] });

    // Single use: the same link again is refused, and so is its preview.
    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token, password: 'another-password-2' }), 410, 'invitation_used', 'token');
    expectProblem(await anonymous('/api/onboarding/invitations/preview', { token }), 410, 'invitation_used');
    expect((await login('new.member@example.com', 'chosen-password-1')).statusCode).toBe(200);
    expect((await adminA.inject(`/api/onboarding/invitations/${inv.id}`)).json()).toMatchObject({ status: 'accepted', acceptedUserId: accepted.json().userId });

    const audit = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 ORDER BY at`, [inv.id]);
    expect(audit.map((a) => a.action)).toEqual(['onboarding.invitation.created', 'onboarding.invitation.accepted']);
  });

  it('refuses an expired link with 410 invitation_expired, and an unknown one with 404', async () => {
    const inv = (await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'late@example.com', role: 'tenant_member', expiresInDays: 1 } })).json();
    const token = mailbox.tokenFor('late@example.com', 'accept-invitation');
    await t.sql(`UPDATE onboarding_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [inv.id]);
    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token, password: 'chosen-password-1' }), 410, 'invitation_expired', 'token');
    expectProblem(await anonymous('/api/onboarding/invitations/preview', { token }), 410, 'invitation_expired');
    expect((await adminA.inject(`/api/onboarding/invitations/${inv.id}`)).json().status).toBe('expired');
    expect((await t.sql('SELECT 1 FROM users WHERE email = $1', ['late@example.com'])).length).toBe(0);
    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token: `inv_${'A'.repeat(43)}`, password: 'chosen-password-1' }), 404, 'invitation_not_found');
    expectProblem(await anonymous('/api/onboarding/invitations/preview', { token: 'garbage' }), 404, 'invitation_not_found');

    // A resend gives it a new life and a new link; the old link stays dead.
    const resent = await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${inv.id}/resend` });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'pending', sendCount: 2 });
    const fresh = mailbox.tokenFor('late@example.com', 'accept-invitation');
    expect(fresh).not.toBe(token);
    expectProblem(await anonymous('/api/onboarding/invitations/preview', { token }), 404, 'invitation_not_found');
    expect((await anonymous('/api/onboarding/invitations/preview', { token: fresh })).statusCode).toBe(200);
  });

  it('revokes: the link is refused with 410 invitation_revoked; resend and revoke again are 409', async () => {
    const inv = (await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'gone@example.com', role: 'tenant_member' } })).json();
    const token = mailbox.tokenFor('gone@example.com', 'accept-invitation');
    const revoked = await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${inv.id}/revoke` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token, password: 'chosen-password-1' }), 410, 'invitation_revoked');
    expectProblem(await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${inv.id}/revoke` }), 409, 'invitation_revoked');
    expectProblem(await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${inv.id}/resend` }), 409, 'invitation_revoked');
    // Revoked, the address can be invited again.
    expect((await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'gone@example.com', role: 'tenant_member' } })).statusCode).toBe(201);
    const actions = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 ORDER BY at`, [inv.id]);
    expect(actions.map((a) => a.action)).toEqual(['onboarding.invitation.created', 'onboarding.invitation.revoked']);
  });

  it('refuses a second open invitation for the same address (resend instead) and an address that has an account', async () => {
    await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'twice@example.com', role: 'tenant_member' } });
    expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'TWICE@example.com', role: 'tenant_member' } }), 409, 'invitation_pending', 'email');
    expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'new.member@example.com', role: 'tenant_member' } }), 409, 'email_taken', 'email');
  });

  it('invites a batch, all or none', async () => {
    const ok = await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations/batch', payload: { emails: ['one@team.example', 'two@team.example'], role: 'tenant_admin' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().invitations.map((i: any) => i.email)).toEqual(['one@team.example', 'two@team.example']);
    expect(mailbox.lastTo('two@team.example')).toBeTruthy();
    // The second address is taken by an open invitation: nothing of the batch is created.
    expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations/batch', payload: { emails: ['three@team.example', 'one@team.example'], role: 'tenant_member' } }), 409, 'invitation_pending', 'emails.1');
    expect((await t.sql('SELECT 1 FROM onboarding_invitations WHERE email = $1', ['three@team.example'])).length).toBe(0);
    expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations/batch', payload: { emails: ['x@team.example', 'not-an-email'], role: 'tenant_member' } }), 400, 'validation_failed', 'emails.1');
    expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations/batch', payload: { emails: ['dup@team.example', 'DUP@team.example'], role: 'tenant_member' } }), 400, 'validation_failed', 'emails.1');
  });

  it('records a failed send on the invitation; a resend delivers it', async () => {
    mailbox.failing = true;
    try {
      const res = await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'unlucky@example.com', role: 'tenant_member' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().lastSendError).toBeTruthy();
      mailbox.failing = false;
      const resent = await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${res.json().id}/resend` });
      expect(resent.json()).toMatchObject({ lastSendError: null, sendCount: 2 });
      expect(mailbox.lastTo('unlucky@example.com')).toBeTruthy();
    } finally {
      mailbox.failing = false;
    }
  });

  describe('tenant isolation', () => {
    it("a tenant admin cannot invite into another tenant, nor give a staff role, nor invite staff", async () => {
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'x1@example.com', role: 'tenant_member', tenantId: adminB.tenant!.id } }), 403, 'tenant_forbidden', 'tenantId');
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'x2@example.com', role: 'super_admin' } }), 400, 'validation_failed', 'role');
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'x3@example.com', role: 'support', tenantId: null } }), 400, 'validation_failed', 'role');
      expectProblem(await adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'x4@example.com', role: 'tenant_member' }, headers: { 'x-tenant-id': adminB.tenant!.id } }), 403);
      expect((await t.sql(`SELECT 1 FROM onboarding_invitations WHERE email LIKE 'x_@example.com'`)).length).toBe(0);
    });

    it("a tenant admin neither lists, reads, resends nor revokes another tenant's invitations", async () => {
      const bInv = (await adminB.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'b-secret@example.com', role: 'tenant_member' } })).json();
      const list = await adminA.inject('/api/onboarding/invitations?range=[0,99]');
      expect(list.statusCode).toBe(200);
      expect(list.json().length).toBeGreaterThan(0);
      expect(list.json().every((i: any) => i.tenantId === adminA.tenant!.id)).toBe(true);
      expectProblem(await adminA.inject(`/api/onboarding/invitations?filter=${encodeURIComponent(JSON.stringify({ tenantId: adminB.tenant!.id }))}`), 403, 'tenant_forbidden', 'filter.tenantId');
      expect((await adminA.inject(`/api/onboarding/invitations?filter=${encodeURIComponent(JSON.stringify({ q: 'b-secret' }))}`)).json()).toEqual([]);
      expectProblem(await adminA.inject(`/api/onboarding/invitations/${bInv.id}`), 404);
      expectProblem(await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${bInv.id}/resend` }), 404);
      expectProblem(await adminA.inject({ method: 'POST', url: `/api/onboarding/invitations/${bInv.id}/revoke` }), 404);
      expect((await adminB.inject(`/api/onboarding/invitations/${bInv.id}`)).json()).toMatchObject({ status: 'pending', sendCount: 1 });
      // Staff see both tenants.
      const all = (await t.inject('/api/onboarding/invitations?range=[0,199]')).json().map((i: any) => i.tenantId);
      expect(all).toContain(adminA.tenant!.id);
      expect(all).toContain(adminB.tenant!.id);
    });

    it('a tenant member cannot invite at all', async () => {
      const member = await t.signIn({ role: 'tenant_member', tenant: 'inv-a' });
      expectProblem(await member.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'm@example.com', role: 'tenant_member' } }), 403, 'forbidden');
      expectProblem(await member.inject('/api/onboarding/invitations'), 403, 'forbidden');
    });
  });

  it('staff invite platform staff (a staff role, no tenant) and into any tenant', async () => {
    const staff = await t.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'ops@platform.test', role: 'support', tenantId: null } });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json()).toMatchObject({ kind: 'staff', tenantId: null });
    const token = mailbox.tokenFor('ops@platform.test', 'accept-invitation');
    expect((await anonymous('/api/onboarding/invitations/accept', { token, password: 'staff-password-1' })).statusCode).toBe(201);
    expect((await login('ops@platform.test', 'staff-password-1')).json().user).toMatchObject({ kind: 'staff', roles: ['support'] });
    expectProblem(await t.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'ops2@platform.test', role: 'tenant_member', tenantId: null } }), 400, 'validation_failed', 'role');
    const intoB = await t.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: { email: 'b-admin2@example.com', role: 'tenant_admin', tenantId: adminB.tenant!.id } });
    expect(intoB.statusCode, intoB.body).toBe(201);
    // Tenant admins never see staff invitations.
    expect((await adminA.inject('/api/onboarding/invitations?range=[0,199]')).json().some((i: any) => i.kind === 'staff')).toBe(false);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const post = (payload: unknown) => adminA.inject({ method: 'POST', url: '/api/onboarding/invitations', payload: payload as any });
    expectProblem(await post({ email: 42, role: 'tenant_member' }), 400, 'validation_failed', 'email');
    expectProblem(await post({ email: 'a\u0000b@example.com', role: 'tenant_member' }), 400, 'validation_failed', 'email');
    expectProblem(await post({ email: 'ok@example.com', role: 'tenant_member', expiresInDays: 365 }), 400, 'validation_failed', 'expiresInDays');
    expectProblem(await post({ email: 'ok@example.com', role: 'tenant_member', isAdmin: true }), 400, 'validation_failed');
    expectProblem(await post({ email: 'ok@example.com', role: 'no_such_role' }), 400, 'validation_failed', 'role');
    expectProblem(await anonymous('/api/onboarding/invitations/accept', { token: ['x'], password: 'long-enough-1' }), 400, 'validation_failed', 'token');
    expectProblem(await adminA.inject('/api/onboarding/invitations/not-a-uuid'), 400);
    expectProblem(await adminA.inject('/api/onboarding/invitations?filter=' + encodeURIComponent(JSON.stringify({ status: 'bogus' }))), 400, 'validation_failed', 'filter.status');
  });

  it('keeps a typed password for staff only: a tenant admin cannot create a user with a password', async () => {
    expectProblem(
      await adminA.inject({ method: 'POST', url: '/api/users', payload: { email: 'typed@example.com', name: 'T', password: 'typed-password-1', kind: 'tenant', roles: ['tenant_member'] } }),
      403,
      'password_by_staff_only',
      'password',
    );
    const byStaff = await t.inject({ method: 'POST', url: '/api/users', payload: { email: 'typed@example.com', name: 'T', password: 'typed-password-1', kind: 'tenant', tenantId: adminA.tenant!.id, roles: ['tenant_member'] } });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
    expectProblem(await adminA.inject({ method: 'PATCH', url: `/api/users/${byStaff.json().id}`, payload: { password: 'another-password-1' } }), 403, 'password_by_staff_only');
  });
});
