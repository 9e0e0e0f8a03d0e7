import { randomBytes, randomUUID } from 'node:crypto';
import { ProblemError, problems, type PlatformRequest, type PluginContext, type TenantInfo } from '@platform/sdk';
import { TENANT_PROVISIONING, TENANT_SLUG_PATTERN, USER_ACCOUNTS, type TenantProvisioning, type UserAccounts } from '@platform/sdk/accounts';
import { MESSAGING_SERVICE, SMS_CREDIT_GRANTS, type MessageSender, type SmsCreditGrants } from '@platform/sdk/messaging';
import { consoleLink } from '../links/console-links.ts';
import { LinkTokens } from '../links/link-tokens.ts';
import { withDefaults, type OnboardingSettings } from '../onboarding-settings.ts';
import { isValidProof } from './proof-of-work.ts';

const VERIFY_TTL_MS = 24 * 3600_000;
const CHALLENGE_TTL_MS = 10 * 60_000;

export interface SignupInput {
  email: string;
  name: string;
  companyName: string;
  slug: string;
  challenge: string;
  nonce: string;
}

interface SignupRow {
  id: string;
  tenant_id: string | null;
  email: string;
  name: string;
  company_name: string;
  slug: string;
  status: 'pending' | 'verified';
  expires_at: Date | string;
}

/**
 * Self-signup: the form (with a solved proof of work) records a pending signup and emails a verification link; only
 * the verified link creates the tenant (in `provisioning`, then provisioned by every plugin's hook) and its first
 * tenant admin with the password chosen on the verification page. The onboarding plugin's own provisioning hook
 * grants the trial SMS credits; the plans plugin's puts the tenant on the default plan (with its trial).
 */
export class SignupService {
  private readonly links: LinkTokens;

  constructor(
    private readonly ctx: PluginContext,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.links = new LinkTokens(ctx, 'sgn', {
      invalid: () => new ProblemError(404, 'signup_link_not_found', 'This confirmation link is not valid; sign up again', { field: 'token' }),
      expired: () => new ProblemError(410, 'signup_link_expired', 'This confirmation link has expired; sign up again', { field: 'token' }),
    });
  }

  private async settings(): Promise<OnboardingSettings> {
    return withDefaults(await this.ctx.settings.get<Partial<OnboardingSettings>>());
  }

  async challenge(): Promise<{ challenge: string; difficulty: number; expiresAt: string }> {
    const { signupProofOfWorkBits: difficulty } = await this.settings();
    const challenge = randomBytes(16).toString('hex');
    const expiresAt = new Date(this.clock() + CHALLENGE_TTL_MS);
    await this.ctx.db.sql(`DELETE FROM onboarding_signup_challenges WHERE expires_at < now() - interval '1 hour'`, [], this.ctx.db.system());
    await this.ctx.db.sql(`INSERT INTO onboarding_signup_challenges (challenge, difficulty, expires_at) VALUES ($1, $2, $3)`, [challenge, difficulty, expiresAt], this.ctx.db.system());
    return { challenge, difficulty, expiresAt: expiresAt.toISOString() };
  }

  /** Spends a challenge: 400 naming `nonce` / `challenge` when it is unknown, used, expired or not solved. */
  private async spendChallenge(challenge: string, nonce: string): Promise<void> {
    const [row] = await this.ctx.db.sql<{ difficulty: number }>(
      `UPDATE onboarding_signup_challenges SET used_at = now() WHERE challenge = $1 AND used_at IS NULL AND expires_at > $2 RETURNING difficulty`,
      [challenge, new Date(this.clock())],
      this.ctx.db.system(),
    );
    if (!row) throw problems.validation('challenge', 'The form expired: reload the page and try again');
    if (!isValidProof(challenge, nonce, row.difficulty)) throw problems.validation('nonce', 'The proof of work does not check out: reload the page and try again');
  }

  async slugAvailable(slug: string): Promise<boolean> {
    if (!TENANT_SLUG_PATTERN.test(slug)) return false;
    const [pending] = await this.ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_signups WHERE slug = $1 AND status = 'verified'`, [slug], this.ctx.db.system());
    return pending.n === 0 && (await this.ctx.resolve<TenantProvisioning>(TENANT_PROVISIONING).isSlugAvailable(slug));
  }

  /** Records the signup and emails the verification link. Returns nothing a caller could learn from. */
  async request(input: SignupInput, ip: string): Promise<void> {
    await this.spendChallenge(input.challenge, input.nonce);
    if (!(await this.slugAvailable(input.slug))) throw new ProblemError(409, 'slug_taken', `The address "${input.slug}" is taken; choose another`, { field: 'slug' });
    const existing = await this.ctx.resolve<UserAccounts>(USER_ACCOUNTS).findByEmail(input.email);
    const settings = await this.settings();
    if (existing) {
      // The same answer as a new signup (no account discovery); the mail says what happened.
      await this.mail(input.email, input.name, `You already have an account on ${settings.platformName}`, `<p>Someone (probably you) tried to sign up with this address, which already has an account. Sign in, or reset your password from the sign-in page.</p>`);
      return;
    }
    const expiresAt = new Date(this.clock() + VERIFY_TTL_MS);
    const { token, hash } = await this.links.issue(expiresAt);
    const id = randomUUID();
    await this.ctx.db.system().transactional(async (em) => {
      await this.ctx.db.sql(
        `INSERT INTO onboarding_signups (id, email, name, company_name, slug, token_hash, expires_at, requested_ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, input.email, input.name, input.companyName, input.slug, hash, expiresAt, ip],
        em,
      );
      await this.ctx.audit.record({ action: 'onboarding.signup.requested', tenantId: null, targetType: 'signup', targetId: id, actorType: 'anonymous', actorId: null, after: { email: input.email, slug: input.slug, ip } }, em);
    });
    const link = consoleLink(this.ctx.kernel.baseUrl, 'verify-signup', token);
    await this.mail(
      input.email,
      input.name,
      `Confirm your email to create ${input.companyName} on ${settings.platformName}`,
      `<p>Hello ${escapeHtml(input.name)},</p><p>Confirm your email address to create <strong>${escapeHtml(input.companyName)}</strong> on ${escapeHtml(settings.platformName)}. The link works for 24 hours.</p><p><a href="${link}">Confirm my email and choose a password</a></p>`,
      `onboarding.signup:${id}`,
    );
  }

  private async mail(to: string, name: string, subject: string, html: string, idempotencyKey?: string): Promise<void> {
    await this.ctx.resolve<MessageSender>(MESSAGING_SERVICE).send({ channel: 'email', tenantId: null, to: { email: to, name }, subject, html, purpose: 'signup', ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  private async usable(token: unknown): Promise<SignupRow> {
    const hash = await this.links.hashOf(token, this.clock());
    const [row] = await this.ctx.db.sql<SignupRow>(`SELECT * FROM onboarding_signups WHERE token_hash = $1`, [hash], this.ctx.db.system());
    if (!row) throw new ProblemError(404, 'signup_link_not_found', 'This confirmation link is not valid; sign up again', { field: 'token' });
    if (row.status === 'verified') throw new ProblemError(410, 'signup_link_used', 'This email was already confirmed: sign in', { field: 'token' });
    if (new Date(row.expires_at).getTime() <= this.clock()) throw new ProblemError(410, 'signup_link_expired', 'This confirmation link has expired; sign up again', { field: 'token' });
    return row;
  }

  async preview(token: unknown): Promise<{ email: string; name: string; companyName: string; slug: string }> {
    const row = await this.usable(token);
    return { email: row.email, name: row.name, companyName: row.company_name, slug: row.slug };
  }

  /**
   * The email is verified: marks the signup (once: a second use is 410), creates the tenant and provisions it,
   * then its first tenant admin with the chosen password.
   */
  async verify(req: PlatformRequest, token: unknown, password: string): Promise<{ tenant: TenantInfo & { statusReason: string | null }; email: string }> {
    const row = await this.usable(token);
    const accounts = this.ctx.resolve<UserAccounts>(USER_ACCOUNTS);
    if (await accounts.findByEmail(row.email)) throw new ProblemError(409, 'email_taken', 'This email already has an account: sign in', { field: 'token' });
    const claimed = await this.ctx.db
      .sql<{ id: string }>(`UPDATE onboarding_signups SET status = 'verified', verified_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`, [row.id], this.ctx.db.system())
      .catch((err: unknown) => {
        if (String((err as { code?: string }).code) === '23505' || /onboarding_signups_verified_slug/.test(String(err))) throw new ProblemError(409, 'slug_taken', `The address "${row.slug}" was taken meanwhile; sign up again with another`, { field: 'slug' });
        throw err;
      });
    if (!claimed.length) throw new ProblemError(410, 'signup_link_used', 'This email was already confirmed: sign in', { field: 'token' });
    const tenant = await this.ctx.resolve<TenantProvisioning>(TENANT_PROVISIONING).create(
      { slug: row.slug, name: row.company_name, contactName: row.name, contactEmail: row.email },
      { label: 'onboarding.signup', requestId: String(req.id) },
    );
    await this.ctx.db.system().transactional(async (em) => {
      await this.ctx.db.sql(`UPDATE onboarding_signups SET tenant_id = $2 WHERE id = $1`, [row.id, tenant.id], em);
      const user = await accounts.create({ email: row.email, name: row.name, kind: 'tenant', tenantId: tenant.id, roles: ['tenant_admin'], password }, em);
      await this.ctx.audit.record({ action: 'onboarding.signup.verified', tenantId: tenant.id, targetType: 'signup', targetId: row.id, actorType: 'user', actorId: user.id, requestId: String(req.id), after: { email: row.email, slug: row.slug } }, em);
    });
    return { tenant, email: row.email };
  }

  /**
   * Provisioning hook: a tenant created by a verified signup gets its trial SMS credits (once: the grant is
   * idempotent per tenant), through messaging's credit ledger.
   */
  async grantTrialCredits(tenant: TenantInfo): Promise<void> {
    const [signup] = await this.ctx.db.sql<{ id: string }>(`SELECT id FROM onboarding_signups WHERE slug = $1 AND status = 'verified'`, [tenant.slug], this.ctx.db.system());
    if (!signup) return;
    const { signupTrialSmsCredits: amount } = await this.settings();
    if (amount <= 0) return;
    let grants: SmsCreditGrants;
    try {
      grants = this.ctx.resolve<SmsCreditGrants>(SMS_CREDIT_GRANTS);
    } catch {
      return; // messaging without its credit ledger: no trial credits to give
    }
    await grants.grant(tenant.id, { amount, idempotencyKey: `onboarding.signup-trial:${signup.id}`, reason: 'Trial SMS credits for a new tenant (self-signup)', actorLabel: 'onboarding.signup' });
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
