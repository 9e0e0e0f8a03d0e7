import { ENTITLEMENTS_SERVICE, type EntitlementChecker } from '@platform/sdk/entitlements';
import type { PluginContext, TenantDirectory } from '@platform/sdk';
import type { CreditDeposits } from './credit-deposits.ts';

/** The plans meter whose quota is the SMS credits a plan includes each month. */
export const SMS_MONTHLY_METER = 'sms.monthly';
const GRANT_ACTOR = 'messaging.plan-grant';

/** The entitlements service when the plans plugin (or another provider of it) is installed, else null. */
export function optionalEntitlements(ctx: Pick<PluginContext, 'resolve'>): EntitlementChecker | null {
  try {
    return ctx.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE) ?? null;
  } catch {
    return null;
  }
}

export interface GrantOutcome {
  granted: number;
  tenants: number;
}

/**
 * Grants each active tenant its plan's `sms.monthly` quota once per usage period of that meter (the
 * plans plugin's month from the tenant's billing anchor): the idempotency key is `grant:<period start>`,
 * so any number of runs, on any number of instances, grant once. The grant expires at the period's end.
 * Unlimited (null) and zero quotas grant nothing.
 */
export async function grantPlanCredits(entitlements: EntitlementChecker, tenants: TenantDirectory, deposits: CreditDeposits): Promise<GrantOutcome> {
  const outcome: GrantOutcome = { granted: 0, tenants: 0 };
  for (const tenant of await tenants.list({ status: ['active'] })) {
    const decision = await entitlements.check(tenant.id, SMS_MONTHLY_METER, 0);
    if (decision.kind !== 'meter' || decision.limit === null || decision.limit <= 0 || !decision.period?.start) continue;
    const result = await deposits.deposit(tenant.id, {
      kind: 'grant',
      amount: decision.limit,
      expiresAt: decision.period.end ? new Date(decision.period.end) : null,
      idempotencyKey: `grant:${decision.period.start}`,
      reason: `SMS credits included in plan ${decision.plan?.name ?? '(governance default)'} for the period from ${decision.period.start}`,
      actorLabel: GRANT_ACTOR,
      details: { planId: decision.plan?.id ?? null, planKey: decision.plan?.key ?? null, periodStart: decision.period.start, periodEnd: decision.period.end },
    });
    if (result.created) {
      outcome.granted += decision.limit;
      outcome.tenants += 1;
    }
  }
  return outcome;
}

/**
 * Daily at 00:15 UTC (tenants' months start on their own billing anchors, so a daily pass grants each one
 * on the day its period starts). Defined only when the entitlements service is there.
 */
export function definePlanCreditGrantJob(ctx: PluginContext, deposits: CreditDeposits): void {
  ctx.jobs.define({
    name: 'grant-plan-credits',
    cron: '15 0 * * *',
    async handler() {
      const entitlements = optionalEntitlements(ctx);
      if (!entitlements) return;
      const outcome = await grantPlanCredits(entitlements, ctx.tenants, deposits);
      if (outcome.tenants) ctx.logger.info(outcome, 'granted plan-included SMS credits');
    },
  });
}
