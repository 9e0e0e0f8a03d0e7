import { randomUUID } from 'node:crypto';
import { ProblemError, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { USER_ACCOUNTS, type UserAccounts } from '@platform/sdk/accounts';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { consoleLink } from '../links/console-links.ts';
import { LinkTokens } from '../links/link-tokens.ts';
import { withDefaults, type OnboardingSettings } from '../onboarding-settings.ts';

interface ResetRow {
  id: string;
  user_id: string;
  tenant_id: string | null;
  expires_at: Date | string;
  used_at: Date | string | null;
}

/**
 * Password reset by an emailed single-use link. Asking gives the same answer whether the address has an account or
 * not (and takes the same time: the email goes out after the answer). A new link replaces the user's earlier unused
 * ones; using it sets the password and ends every session of the user.
 */
export class PasswordResetService {
  private readonly links: LinkTokens;

  constructor(
    private readonly ctx: PluginContext,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.links = new LinkTokens(ctx, 'pwr', {
      invalid: () => new ProblemError(404, 'reset_link_not_found', 'This reset link is not valid (a newer one may have been sent); ask for a new one', { field: 'token' }),
      expired: () => new ProblemError(410, 'reset_link_expired', 'This reset link has expired; ask for a new one', { field: 'token' }),
    });
  }

  private accounts(): UserAccounts {
    return this.ctx.resolve<UserAccounts>(USER_ACCOUNTS);
  }

  /** Records a link and emails it when `email` belongs to an active user; resolves when that is done (or skipped). */
  async request(email: string, ip: string | null): Promise<void> {
    const user = await this.accounts().findByEmail(email);
    if (!user || user.status !== 'active') return;
    const settings = withDefaults(await this.ctx.settings.get<Partial<OnboardingSettings>>());
    const expiresAt = new Date(this.clock() + settings.passwordResetTtlMinutes * 60_000);
    const { token, hash } = await this.links.issue(expiresAt);
    const id = randomUUID();
    await this.ctx.db.system().transactional(async (em) => {
      await this.ctx.db.sql(`UPDATE onboarding_password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id], em);
      await this.ctx.db.sql(
        `INSERT INTO onboarding_password_resets (id, user_id, tenant_id, token_hash, expires_at, requested_ip) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, user.id, user.tenantId, hash, expiresAt, ip],
        em,
      );
      await this.ctx.audit.record({ action: 'onboarding.password_reset.requested', tenantId: user.tenantId, targetType: 'user', targetId: user.id, actorType: 'anonymous', actorId: null, after: { ip } }, em);
    });
    await this.ctx.resolve<MessageSender>(MESSAGING_SERVICE).send({
      channel: 'email',
      tenantId: user.tenantId,
      to: { email: user.email, name: user.name },
      template: 'password_reset',
      data: { platformName: settings.platformName, userName: user.name, resetUrl: consoleLink(this.ctx.kernel.baseUrl, 'reset-password', token), expiresInMinutes: settings.passwordResetTtlMinutes },
      purpose: 'password_reset',
      idempotencyKey: `onboarding.password-reset:${id}`,
    });
  }

  private async usable(token: unknown, em?: Parameters<PluginContext['db']['sql']>[2], forUpdate = false): Promise<ResetRow> {
    const hash = await this.links.hashOf(token, this.clock());
    const [row] = await this.ctx.db.sql<ResetRow>(`SELECT * FROM onboarding_password_resets WHERE token_hash = $1${forUpdate ? ' FOR UPDATE' : ''}`, [hash], em ?? this.ctx.db.system());
    if (!row) throw new ProblemError(404, 'reset_link_not_found', 'This reset link is not valid (a newer one may have been sent); ask for a new one', { field: 'token' });
    if (row.used_at) throw new ProblemError(410, 'reset_link_used', 'This reset link was already used (or replaced by a newer one); ask for a new one', { field: 'token' });
    if (new Date(row.expires_at).getTime() <= this.clock()) throw new ProblemError(410, 'reset_link_expired', 'This reset link has expired; ask for a new one', { field: 'token' });
    return row;
  }

  /** For the reset page: whether the link still works, and until when. */
  async preview(token: unknown): Promise<{ expiresAt: string }> {
    const row = await this.usable(token);
    return { expiresAt: new Date(row.expires_at).toISOString() };
  }

  /** Sets the new password and spends the link, in one transaction. */
  async complete(req: PlatformRequest, token: unknown, password: string): Promise<{ email: string }> {
    return this.ctx.db.system().transactional(async (em) => {
      const row = await this.usable(token, em, true);
      const user = await this.accounts().get(row.user_id, em);
      if (!user || user.status !== 'active') throw new ProblemError(410, 'reset_link_used', 'This account cannot be reset; contact an administrator', { field: 'token' });
      await this.ctx.db.sql(`UPDATE onboarding_password_resets SET used_at = now() WHERE id = $1`, [row.id], em);
      await this.accounts().setPassword(user.id, password, em);
      await this.ctx.audit.record({ action: 'onboarding.password_reset.completed', tenantId: user.tenantId, targetType: 'user', targetId: user.id, actorType: 'user', actorId: user.id, requestId: String(req.id) }, em);
      return { email: user.email };
    });
  }
}
