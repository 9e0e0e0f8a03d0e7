import { Type, type Static } from '@platform/sdk';

export const OnboardingSettingsSchema = Type.Object({
  platformName: Type.String({ default: 'Platform', minLength: 1, maxLength: 100, description: 'The name emails give the platform' }),
  invitationTtlDays: Type.Integer({ default: 7, minimum: 1, maximum: 30, description: 'How long an invitation link works' }),
  passwordResetTtlMinutes: Type.Integer({ default: 30, minimum: 5, maximum: 1440, description: 'How long a password reset link works' }),
  signupTrialSmsCredits: Type.Integer({ default: 50, minimum: 0, maximum: 100_000, description: 'SMS credits a self-signed-up tenant gets for its trial' }),
  signupProofOfWorkBits: Type.Integer({ default: 16, minimum: 0, maximum: 24, description: 'Leading zero bits the signup form must find (SHA-256 proof of work; 0: off)' }),
});

export type OnboardingSettings = Static<typeof OnboardingSettingsSchema>;

export const DEFAULT_ONBOARDING_SETTINGS: OnboardingSettings = { platformName: 'Platform', invitationTtlDays: 7, passwordResetTtlMinutes: 30, signupTrialSmsCredits: 50, signupProofOfWorkBits: 16 };

/** The stored settings over the defaults (a value of the wrong type falls back to its default). */
export function withDefaults(stored: Partial<OnboardingSettings> | null | undefined): OnboardingSettings {
  const s = stored ?? {};
  const int = (v: unknown, d: number, min: number, max: number) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : d);
  return {
    platformName: typeof s.platformName === 'string' && s.platformName.trim() ? s.platformName.trim() : DEFAULT_ONBOARDING_SETTINGS.platformName,
    invitationTtlDays: int(s.invitationTtlDays, DEFAULT_ONBOARDING_SETTINGS.invitationTtlDays, 1, 30),
    passwordResetTtlMinutes: int(s.passwordResetTtlMinutes, DEFAULT_ONBOARDING_SETTINGS.passwordResetTtlMinutes, 5, 1440),
    signupTrialSmsCredits: int(s.signupTrialSmsCredits, DEFAULT_ONBOARDING_SETTINGS.signupTrialSmsCredits, 0, 100_000),
    signupProofOfWorkBits: int(s.signupProofOfWorkBits, DEFAULT_ONBOARDING_SETTINGS.signupProofOfWorkBits, 0, 24),
  };
}
