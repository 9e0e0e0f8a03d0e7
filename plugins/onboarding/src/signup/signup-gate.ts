import { ProblemError, type PluginContext } from '@platform/sdk';
import { FLAG_CLIENT, type FlagClient } from '@platform/sdk/feature-flags';

/** The flag that opens self-signup (seeded by the feature-flags plugin). */
export const SIGNUP_FLAG = 'platform.new_tenant_signup';

/** Whether signups are open: the flag is on. Without the feature-flags plugin (or when it cannot answer), closed. */
export async function signupsOpen(ctx: PluginContext): Promise<boolean> {
  let flags: FlagClient;
  try {
    flags = ctx.resolve<FlagClient>(FLAG_CLIENT);
  } catch {
    return false;
  }
  try {
    return (await flags.evaluate(SIGNUP_FLAG, {})).enabled === true;
  } catch (err) {
    ctx.logger.warn({ err }, 'onboarding: the signup flag could not be read; signups count as closed');
    return false;
  }
}

export function signupClosed(): ProblemError {
  return new ProblemError(403, 'signup_closed', 'Signups are closed: new tenants are created by the platform team');
}
