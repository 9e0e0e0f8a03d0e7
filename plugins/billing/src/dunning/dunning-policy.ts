import { Type, type Static } from '@platform/sdk';

/** The plugin's settings (platform level): how failed payments are retried and what happens after the last. */
export const BillingSettings = Type.Object({
  /** Days after the first failed attempt at which collection is retried, e.g. [1, 3, 7]. */
  dunningRetryDays: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 365 }), { maxItems: 20 })),
  /** After this many failed attempts the action runs. */
  dunningMaxFailures: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  dunningAction: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('suspend'), Type.Literal('downgrade')])),
  /** The plan `downgrade` moves the tenant to (e.g. `free`). */
  dunningDowngradePlanKey: Type.Optional(Type.String({ maxLength: 60 })),
});

export interface DunningPolicy {
  retryDays: number[];
  maxFailures: number;
  action: 'none' | 'suspend' | 'downgrade';
  downgradePlanKey: string | null;
}

export const DEFAULT_DUNNING: DunningPolicy = { retryDays: [1, 3, 7], maxFailures: 4, action: 'none', downgradePlanKey: null };

export function dunningPolicyOf(settings: Partial<Static<typeof BillingSettings>> | null | undefined): DunningPolicy {
  const s = settings ?? {};
  return {
    retryDays: s.dunningRetryDays?.length ? [...s.dunningRetryDays].sort((a, b) => a - b) : DEFAULT_DUNNING.retryDays,
    maxFailures: s.dunningMaxFailures ?? DEFAULT_DUNNING.maxFailures,
    action: s.dunningAction ?? DEFAULT_DUNNING.action,
    downgradePlanKey: s.dunningDowngradePlanKey?.trim() || null,
  };
}

const DAY_MS = 86_400_000;

/**
 * After the `failures`-th failed attempt (1-based): when to try again (the first failure's time plus the next
 * retry day), or null when that was the last attempt (`failures >= maxFailures` or no retry day left).
 */
export function nextAttemptAfter(policy: DunningPolicy, failures: number, firstFailedAt: Date): Date | null {
  if (failures >= policy.maxFailures) return null;
  const day = policy.retryDays[failures - 1];
  if (day === undefined) return null;
  return new Date(firstFailedAt.getTime() + day * DAY_MS);
}
