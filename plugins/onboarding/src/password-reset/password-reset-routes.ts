import { Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { emailInput } from '../email-input.ts';
import { SharedWindowLimiter } from '../rate-limits/shared-window-limiter.ts';
import { enforceLimits } from '../rate-limits/public-form-limits.ts';
import type { PasswordResetService } from './password-reset-service.ts';

const tags = ['onboarding'];
const RequestBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 320 }) }, { additionalProperties: false });
const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const CompleteBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 8, maxLength: 1024 }) }, { additionalProperties: false });

export interface PasswordResetLimits {
  perIp: { max: number; windowMs: number };
  perAddress: { max: number; windowMs: number };
}

export const DEFAULT_PASSWORD_RESET_LIMITS: PasswordResetLimits = { perIp: { max: 20, windowMs: 15 * 60_000 }, perAddress: { max: 3, windowMs: 60 * 60_000 } };

const SAME_ANSWER = { accepted: true, message: 'If an account uses this address, a link to choose a new password is on its way.' };

/** `/api/onboarding/password-resets`: ask for a link (public, rate-limited), check it, use it. */
export function addPasswordResetRoutes(ctx: PluginContext, resets: PasswordResetService, limits: PasswordResetLimits = DEFAULT_PASSWORD_RESET_LIMITS): void {
  const byIp = new SharedWindowLimiter(ctx.db, 'password-reset.ip', limits.perIp.max, limits.perIp.windowMs);
  const byAddress = new SharedWindowLimiter(ctx.db, 'password-reset.address', limits.perAddress.max, limits.perAddress.windowMs);

  ctx.routes.add({
    method: 'POST',
    url: '/password-resets',
    public: true,
    schema: { tags, summary: 'Ask for a password reset link by email; the same 202 whether the address has an account or not (429 past the rate limits)', body: RequestBody },
    async handler(req: PlatformRequest<{ Body: { email: string } }>, reply: PlatformReply) {
      const email = emailInput(req.body.email, 'email');
      await enforceLimits(reply, [
        [byIp, req.ip, 'from this address'],
        [byAddress, email, 'for this email address'],
      ]);
      // After the answer: the time taken says nothing about whether the account exists.
      setImmediate(() => void resets.request(email, req.ip).catch((err: unknown) => ctx.logger.warn({ err }, 'onboarding: a password reset email could not be sent')));
      reply.status(202);
      return SAME_ANSWER;
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/password-resets/preview',
    public: true,
    schema: { tags, summary: 'Whether a reset link still works: 404 reset_link_not_found, 410 reset_link_used / reset_link_expired', body: TokenBody },
    handler: (req: PlatformRequest<{ Body: { token: string } }>) => resets.preview(req.body.token),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/password-resets/complete',
    public: true,
    schema: { tags, summary: 'Set a new password with a reset link (once); signs the account out everywhere', body: CompleteBody },
    async handler(req: PlatformRequest<{ Body: { token: string; password: string } }>) {
      const { email } = await resets.complete(req, req.body.token, req.body.password);
      return { reset: true, email };
    },
  });
}
