import { Type, type Static } from '@platform/sdk';

/**
 * Settings (platform-wide; `PUT /api/plugins/customer-success/settings`, audited by the kernel as
 * `plugin.settings_changed` with before and after): the weight of each signal by id (overriding the signal's own
 * default), the onboarding period and the window signals look at.
 */
export const CustomerSuccessSettingsSchema = Type.Object(
  {
    weights: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), Type.Integer({ minimum: 0, maximum: 100 }), {
      default: {},
      description: 'Points per signal id (usage-recency, activation, error-rate, failing-monitors, billing-risk, support-load, recent-success...)',
    })),
    onboardingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, default: 14, description: 'Tenants younger than this are in the onboarding bucket' })),
    windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'How far back signals look' })),
  },
  { additionalProperties: false },
);

export type CustomerSuccessSettings = Static<typeof CustomerSuccessSettingsSchema>;

export function resolvedSettings(stored: Partial<CustomerSuccessSettings> | undefined): { weights: Record<string, number>; onboardingDays: number; windowDays: number } {
  return { weights: { ...(stored?.weights ?? {}) }, onboardingDays: stored?.onboardingDays ?? 14, windowDays: stored?.windowDays ?? 30 };
}
