import { randomUUID } from 'node:crypto';
import { ProblemError, problems, type EntityManager, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { USER_ACCOUNTS, type UserAccount, type UserAccounts } from '@platform/sdk/accounts';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { emailInput } from '../email-input.ts';
import { consoleLink } from '../links/console-links.ts';
import { LinkTokens } from '../links/link-tokens.ts';
import { withDefaults, type OnboardingSettings } from '../onboarding-settings.ts';
import { invitationView, InvitationStore, type InvitationRow, type InvitationView } from './invitation-store.ts';

/** At most this many addresses per call (the wizard's "invite the team" step, a pasted list). */
export const MAX_INVITATIONS_PER_CALL = 50;

export interface InviteInput {
  /** One or more addresses; each gets its own invitation. */
  emails: readonly string[];
  /** The role the user gets on accepting: a tenant role for a tenant, a staff role without one. */
  role: string;
  /** The tenant to join; null (staff only) for a platform staff invitation; omitted: the request's tenant. */
  tenantId?: string | null;
  name?: string | null;
  /** 1 to 30; default the plugin setting (7). */
  expiresInDays?: number;
  /** How refusals name the addresses: `email` (one address sent as `email`) or `emails.<i>` (default). */
  field?: 'email' | 'emails';
}

/** Who invites, and from where: the request's actor and tenant. */
interface Inviter {
  id: string | null;
  name: string;
  tenantBound: boolean;
  /** May give platform (staff) roles. */
  staffAdmin: boolean;
}

/** What someone holding a link may see before accepting it. */
export interface InvitationPreview {
  email: string;
  name: string | null;
  role: string;
  tenantName: string;
  invitedByName: string | null;
  expiresAt: string;
}

/**
 * Invitations: a staff member or a tenant admin invites addresses with a role; each gets a single-use link (7 days
 * by default) by email through messaging; accepting it creates the user with the password they choose. Resend
 * (a new link; the old one stops working) and revoke. Everything is audited. Tenant admins invite into their own
 * tenant only, and only with tenant roles.
 *
 * The wizard's "invite the team" step calls {@link InvitationService.inviteFromRequest} with its list.
 */
export class InvitationService {
  readonly store: InvitationStore;

  private readonly links: LinkTokens;

  constructor(
    private readonly ctx: PluginContext,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.store = new InvitationStore(ctx.db);
    this.links = new LinkTokens(ctx, 'inv', {
      invalid: () => new ProblemError(404, 'invitation_not_found', 'This invitation link is not valid; ask for a new invitation', { field: 'token' }),
      expired: () => new ProblemError(410, 'invitation_expired', 'This invitation has expired; ask for a new one', { field: 'token' }),
    });
  }

  private accounts(): UserAccounts {
    return this.ctx.resolve<UserAccounts>(USER_ACCOUNTS);
  }

  private async settings(): Promise<OnboardingSettings> {
    return withDefaults(await this.ctx.settings.get<Partial<OnboardingSettings>>());
  }

  private inviterOf(req: PlatformRequest): Inviter {
    const a = req.ctx.actor;
    if (!a) throw problems.unauthorized();
    return { id: a.type === 'user' ? a.id : null, name: a.name || a.email || 'An administrator', tenantBound: a.kind === 'tenant' || !!a.tenantId, staffAdmin: a.kind === 'staff' && !a.tenantId && req.ctx.can('users.write') };
  }

  /** The tenants whose invitations this request may see (null: all, staff invitations included). */
  visibleTenants(req: PlatformRequest): readonly string[] | null {
    return req.ctx.nameableTenantIds();
  }

  /** Invites every address of `input` from this request (its actor, its tenant). Returns the invitations created. */
  async inviteFromRequest(req: PlatformRequest, input: InviteInput): Promise<InvitationView[]> {
    const inviter = this.inviterOf(req);
    if (!Array.isArray(input.emails) || input.emails.length === 0) throw problems.validation('emails', 'Give at least one email address');
    if (input.emails.length > MAX_INVITATIONS_PER_CALL) throw problems.validation('emails', `At most ${MAX_INVITATIONS_PER_CALL} addresses at once`);
    const fieldOf = (i: number) => (input.field === 'email' ? 'email' : `emails.${i}`);
    const emails = input.emails.map((e, i) => emailInput(e, fieldOf(i)));
    const dup = emails.findIndex((e, i) => emails.indexOf(e) !== i);
    if (dup >= 0) throw problems.validation(fieldOf(dup), `"${emails[dup]}" is listed twice`);
    if (typeof input.role !== 'string' || !input.role) throw problems.validation('role', 'Choose a role');
    const name = input.name == null ? null : String(input.name).trim().slice(0, 200) || null;
    const settings = await this.settings();
    const days = input.expiresInDays ?? settings.invitationTtlDays;
    if (!Number.isInteger(days) || days < 1 || days > 30) throw problems.validation('expiresInDays', '"expiresInDays" must be a whole number of days from 1 to 30');

    // Which tenant: a tenant-bound caller's own (naming another is 403 tenant_forbidden); staff name one, or
    // act in the selected one, or (null) invite platform staff.
    let tenantId: string | null;
    if (inviter.tenantBound) tenantId = req.ctx.tenantsNamed('tenantId', input.tenantId ?? undefined)![0];
    else if (input.tenantId === null) tenantId = null;
    else if (input.tenantId !== undefined) tenantId = req.ctx.tenantsNamed('tenantId', input.tenantId)![0];
    else tenantId = req.ctx.tenantId;
    const kind = tenantId ? 'tenant' : 'staff';
    if (kind === 'staff' && !inviter.staffAdmin)
      throw new ProblemError(403, 'forbidden', 'Only platform staff who manage users invite platform staff; name the tenant to invite into', { field: 'tenantId' });
    const tenant = tenantId ? await this.ctx.tenants.get(tenantId) : null;
    if (tenantId && (!tenant || (tenant.status !== 'active' && tenant.status !== 'provisioning'))) throw problems.validation('tenantId', 'The tenant does not exist or is not active');
    await this.accounts().checkRoles(kind, [input.role], 'role');
    if (kind === 'staff' && !(await this.accounts().assignableRoles('staff')).some((r) => r.key === input.role && r.scope === 'platform'))
      throw problems.validation('role', `"${input.role}" is a tenant role: name the tenant to invite into (tenantId)`);

    const accounts = this.accounts();
    for (const [i, email] of emails.entries())
      if (await accounts.findByEmail(email)) throw new ProblemError(409, 'email_taken', `${email} already has an account`, { field: fieldOf(i) });

    const expiresAt = new Date(this.clock() + days * 86_400_000);
    const created = await this.ctx.db.system().transactional(async (em) => {
      const out: { row: InvitationRow; token: string }[] = [];
      for (const [i, email] of emails.entries()) {
        if (await this.store.findOpen(tenantId, email, em))
          throw new ProblemError(409, 'invitation_pending', `${email} already has an open invitation; resend it instead`, { field: fieldOf(i) });
        const { token, hash } = await this.links.issue(expiresAt);
        const row = await this.store.insert(em, { id: randomUUID(), tenant_id: tenantId, email, name, role: input.role, kind, token_hash: hash, expires_at: expiresAt, invited_by: inviter.id, invited_by_name: inviter.name });
        await req.ctx.audit({ action: 'onboarding.invitation.created', tenantId, targetType: 'invitation', targetId: row.id, after: { email, role: input.role, kind, expiresAt: expiresAt.toISOString() } }, em);
        out.push({ row, token });
      }
      return out;
    });
    const views: InvitationView[] = [];
    for (const { row, token } of created) views.push(await this.send(row, token, tenant?.name ?? settings.platformName, settings));
    return views;
  }

  /** Sends the link (after the invitation is committed); a failed send is recorded on it, and it can be resent. */
  private async send(row: InvitationRow, token: string, tenantName: string, settings: OnboardingSettings): Promise<InvitationView> {
    let error: string | null = null;
    try {
      const sender = this.ctx.resolve<MessageSender>(MESSAGING_SERVICE);
      const receipt = await sender.send({
        channel: 'email',
        tenantId: row.tenant_id,
        to: row.name ? { email: row.email, name: row.name } : row.email,
        template: 'invitation',
        data: { platformName: settings.platformName, inviterName: row.invited_by_name ?? settings.platformName, tenantName, acceptUrl: consoleLink(this.ctx.kernel.baseUrl, 'accept-invitation', token), expiresAt: new Date(row.expires_at).toISOString() },
        purpose: 'invitation',
        idempotencyKey: `onboarding.invitation:${row.id}:${row.token_hash.slice(0, 16)}`,
      });
      if (receipt.status === 'failed') error = receipt.error ?? 'The email could not be sent';
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.ctx.logger.warn({ err, invitationId: row.id }, 'onboarding: the invitation email could not be sent');
    }
    await this.store.markSent(row.id, error);
    return invitationView((await this.store.find(row.id, null))!, this.clock());
  }

  async get(req: PlatformRequest, id: string): Promise<InvitationView> {
    const row = await this.store.find(id, this.visibleTenants(req));
    if (!row) throw problems.notFound('Invitation');
    return invitationView(row, this.clock());
  }

  /** A new link and a new expiry date, sent again; the previous link stops working. */
  async resend(req: PlatformRequest, id: string): Promise<InvitationView> {
    const settings = await this.settings();
    const expiresAt = new Date(this.clock() + settings.invitationTtlDays * 86_400_000);
    const { token, hash } = await this.links.issue(expiresAt);
    const row = await this.ctx.db.system().transactional(async (em) => {
      const current = await this.store.find(id, this.visibleTenants(req), em, true);
      if (!current) throw problems.notFound('Invitation');
      this.checkManageable(req, current);
      if (current.status !== 'pending') throw new ProblemError(409, `invitation_${current.status}`, `The invitation was ${current.status}; invite again instead`);
      const renewed = await this.store.renew(em, id, hash, expiresAt);
      await req.ctx.audit({ action: 'onboarding.invitation.resent', tenantId: current.tenant_id, targetType: 'invitation', targetId: id, after: { email: current.email, expiresAt: expiresAt.toISOString() } }, em);
      return renewed;
    });
    const tenant = row.tenant_id ? await this.ctx.tenants.get(row.tenant_id) : null;
    return this.send(row, token, tenant?.name ?? settings.platformName, settings);
  }

  async revoke(req: PlatformRequest, id: string): Promise<InvitationView> {
    const row = await this.ctx.db.system().transactional(async (em) => {
      const current = await this.store.find(id, this.visibleTenants(req), em, true);
      if (!current) throw problems.notFound('Invitation');
      this.checkManageable(req, current);
      if (current.status !== 'pending') throw new ProblemError(409, `invitation_${current.status}`, `The invitation was already ${current.status}`);
      const revoked = await this.store.markRevoked(em, id);
      await req.ctx.audit({ action: 'onboarding.invitation.revoked', tenantId: current.tenant_id, targetType: 'invitation', targetId: id, before: { email: current.email, role: current.role } }, em);
      return revoked;
    });
    return invitationView(row, this.clock());
  }

  /** The tenant's pending invitations of these addresses (lower-cased address → invitation id). */
  async pendingInvitations(tenantId: string, emails: readonly string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = await this.ctx.db.sql<{ id: string; email: string }>(
      `SELECT id, lower(email) AS email FROM onboarding_invitations WHERE tenant_id = $1 AND status = 'pending' AND lower(email) = ANY($2::text[])`,
      [tenantId, emails.map((e) => e.toLowerCase())],
      this.ctx.db.system(),
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** A staff invitation is managed by staff who manage users only. */
  private checkManageable(req: PlatformRequest, row: InvitationRow): void {
    if (row.kind === 'staff' && !this.inviterOf(req).staffAdmin) throw problems.notFound('Invitation');
  }

  /** The invitation behind a link, for the accept page: 404 unknown, 410 expired / used / revoked. */
  async preview(token: unknown): Promise<InvitationPreview> {
    const row = await this.usable(token);
    const settings = await this.settings();
    const tenant = row.tenant_id ? await this.ctx.tenants.get(row.tenant_id) : null;
    return { email: row.email, name: row.name, role: row.role, tenantName: tenant?.name ?? settings.platformName, invitedByName: row.invited_by_name, expiresAt: new Date(row.expires_at).toISOString() };
  }

  private async usable(token: unknown, em?: EntityManager): Promise<InvitationRow> {
    const row = await this.store.findByTokenHash(await this.links.hashOf(token, this.clock()), em, !!em);
    return usableInvitation(row, this.clock());
  }

  /**
   * Accepts: creates the user with the chosen password and marks the invitation used, in one transaction (two
   * concurrent accepts of the same link: one wins, the other is refused as used).
   */
  async accept(req: PlatformRequest, input: { token: unknown; name?: unknown; password: unknown }): Promise<{ user: UserAccount; tenantId: string | null }> {
    const result = await this.ctx.db.system().transactional(async (em) => {
      const row = await this.usable(input.token, em);
      if (row.tenant_id) {
        const tenant = await this.ctx.tenants.get(row.tenant_id);
        if (!tenant || (tenant.status !== 'active' && tenant.status !== 'provisioning')) throw new ProblemError(410, 'invitation_tenant_inactive', 'The tenant of this invitation is not active');
      }
      const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim() : (row.name ?? row.email.split('@')[0]);
      if (name.length > 200) throw problems.validation('name', '"name" must be at most 200 characters');
      const user = await this.accounts().create({ email: row.email, name, kind: row.kind, tenantId: row.tenant_id, roles: [row.role], password: input.password as string }, em);
      await this.store.markAccepted(em, row.id, user.id);
      await this.ctx.audit.record(
        { action: 'onboarding.invitation.accepted', tenantId: row.tenant_id, targetType: 'invitation', targetId: row.id, actorType: 'user', actorId: user.id, requestId: String(req.id), after: { userId: user.id, email: user.email, role: row.role } },
        em,
      );
      return { user, tenantId: row.tenant_id };
    });
    return result;
  }
}

/** A link's invitation when it can still be accepted; else the refusal that says why. */
export function usableInvitation(row: InvitationRow | null, now: number): InvitationRow {
  if (!row) throw new ProblemError(404, 'invitation_not_found', 'This invitation link is not valid (a newer one may have been sent); ask for a new invitation', { field: 'token' });
  if (row.status === 'accepted') throw new ProblemError(410, 'invitation_used', 'This invitation was already accepted; sign in instead', { field: 'token' });
  if (row.status === 'revoked') throw new ProblemError(410, 'invitation_revoked', 'This invitation was withdrawn; ask for a new one', { field: 'token' });
  if (new Date(row.expires_at).getTime() <= now) throw new ProblemError(410, 'invitation_expired', 'This invitation has expired; ask for a new one', { field: 'token' });
  return row;
}
