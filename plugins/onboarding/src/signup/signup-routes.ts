import { Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { TENANT_SLUG_PATTERN } from '@platform/sdk/accounts';
import { emailDomain, emailInput } from '../email-input.ts';
import { SharedWindowLimiter } from '../rate-limits/shared-window-limiter.ts';
import { enforceLimits } from '../rate-limits/public-form-limits.ts';
import { signupClosed, signupsOpen } from './signup-gate.ts';
import type { SignupService } from './signup-service.ts';

const tags = ['onboarding'];
const SignupBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    companyName: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.String({ minLength: 1, maxLength: 63, pattern: TENANT_SLUG_PATTERN.source }),
    challenge: Type.String({ minLength: 1, maxLength: 100 }),
    nonce: Type.String({ minLength: 1, maxLength: 40 }),
    /** The honeypot: hidden from people, filled in by form-filling bots. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const VerifyBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 8, maxLength: 1024 }) }, { additionalProperties: false });
const SlugQuery = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 63 }) }, { additionalProperties: false });

export interface SignupLimits {
  perIp: { max: number; windowMs: number };
  perDomain: { max: number; windowMs: number };
}

export const DEFAULT_SIGNUP_LIMITS: SignupLimits = { perIp: { max: 5, windowMs: 60 * 60_000 }, perDomain: { max: 10, windowMs: 60 * 60_000 } };

const SAME_ANSWER = { accepted: true, message: 'Check your inbox: a link to confirm your email address is on its way.' };

/**
 * `/api/onboarding/signups`: whether signups are open, a proof-of-work challenge, the signup itself (rate-limited
 * per IP and per email domain, honeypot field), the verification link's preview and its use. Closed (the flag
 * `platform.new_tenant_signup` off): 403 `signup_closed`.
 */
export function addSignupRoutes(ctx: PluginContext, signups: SignupService, limits: SignupLimits = DEFAULT_SIGNUP_LIMITS): void {
  const byIp = new SharedWindowLimiter(ctx.db, 'signup.ip', limits.perIp.max, limits.perIp.windowMs);
  const byDomain = new SharedWindowLimiter(ctx.db, 'signup.domain', limits.perDomain.max, limits.perDomain.windowMs);
  const requireOpen = async () => {
    if (!(await signupsOpen(ctx))) throw signupClosed();
  };

  ctx.routes.add({
    method: 'GET',
    url: '/signups/status',
    public: true,
    schema: { tags, summary: 'Whether self-signup is open (the flag platform.new_tenant_signup)' },
    handler: async () => ({ open: await signupsOpen(ctx) }),
  });

  ctx.routes.add({
    method: 'GET',
    url: '/signups/slug-availability',
    public: true,
    schema: { tags, summary: 'Whether a tenant address (slug) is free', querystring: SlugQuery },
    async handler(req: PlatformRequest<{ Querystring: { slug: string } }>) {
      await requireOpen();
      const slug = req.query.slug.toLowerCase();
      return { slug, valid: TENANT_SLUG_PATTERN.test(slug), available: await signups.slugAvailable(slug) };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/signups/challenge',
    public: true,
    schema: { tags, summary: 'A proof-of-work challenge for the signup form: find a nonce so that SHA-256(challenge:nonce) starts with `difficulty` zero bits' },
    async handler(_req: PlatformRequest, reply: PlatformReply) {
      await requireOpen();
      reply.status(201);
      return signups.challenge();
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/signups',
    public: true,
    schema: { tags, summary: 'Sign up a new tenant: emails a verification link (202); the tenant is created once the email is verified', body: SignupBody },
    async handler(req: PlatformRequest<{ Body: { email: string; name: string; companyName: string; slug: string; challenge: string; nonce: string; website?: string } }>, reply: PlatformReply) {
      await requireOpen();
      const email = emailInput(req.body.email, 'email');
      await enforceLimits(reply, [
        [byIp, req.ip, 'from this address'],
        [byDomain, emailDomain(email), `for addresses at ${emailDomain(email)}`],
      ]);
      reply.status(202);
      // A filled honeypot is a bot: it gets the usual answer and nothing happens.
      if (req.body.website) {
        ctx.logger.info({ ip: req.ip }, 'onboarding: a signup filled the honeypot field and was dropped');
        return SAME_ANSWER;
      }
      const { name, companyName, challenge, nonce } = req.body;
      await signups.request({ email, name: name.trim(), companyName: companyName.trim(), slug: req.body.slug.toLowerCase(), challenge, nonce }, req.ip);
      return SAME_ANSWER;
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/signups/preview',
    public: true,
    schema: { tags, summary: 'What a verification link is for: 404 signup_link_not_found, 410 signup_link_used / signup_link_expired', body: TokenBody },
    async handler(req: PlatformRequest<{ Body: { token: string } }>) {
      await requireOpen();
      return signups.preview(req.body.token);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/signups/verify',
    public: true,
    schema: { tags, summary: 'Verify the email (once): creates the tenant, provisions it, and its first tenant admin with this password', body: VerifyBody },
    async handler(req: PlatformRequest<{ Body: { token: string; password: string } }>, reply: PlatformReply) {
      await requireOpen();
      const { tenant, email } = await signups.verify(req, req.body.token, req.body.password);
      reply.status(201);
      return { tenantId: tenant.id, tenantSlug: tenant.slug, tenantStatus: tenant.status, statusReason: tenant.statusReason, email };
    },
  });
}
