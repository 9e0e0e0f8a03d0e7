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
    const granted = await grantTenantPlanCredits(entitlements, deposits, tenant.id);
    if (granted) {
      outcome.granted += granted;
      outcome.tenants += 1;
    }
  }
  return outcome;
}

/** Grants one tenant its plan's credits for the current period unless already granted; returns the credits granted. */
export async function grantTenantPlanCredits(entitlements: EntitlementChecker, deposits: CreditDeposits, tenantId: string): Promise<number> {
  const decision = await entitlements.check(tenantId, SMS_MONTHLY_METER, 0);
  if (decision.kind !== 'meter' || decision.limit === null || decision.limit <= 0 || !decision.period?.start) return 0;
  const result = await deposits.deposit(tenantId, {
    kind: 'grant',
    amount: decision.limit,
    expiresAt: decision.period.end ? new Date(decision.period.end) : null,
    idempotencyKey: `grant:${decision.period.start}`,
    reason: `SMS credits included in plan ${decision.plan?.name ?? '(governance default)'} for the period from ${decision.period.start}`,
    actorLabel: GRANT_ACTOR,
    details: { planId: decision.plan?.id ?? null, planKey: decision.plan?.key ?? null, periodStart: decision.period.start, periodEnd: decision.period.end },
  });
  return result.created ? decision.limit : 0;
}

/**
 * Daily at 00:15 UTC (tenants' months start on their own billing anchors, so a daily pass grants each one
 * on the day its period starts), and at once when a tenant gets a plan (`plan.assigned`, e.g. a new
 * tenant's default plan). A plan change that keeps the billing anchor keeps the period: its credits
 * come with the next period; one that moves the anchor starts a period, granted then.
 */
export function definePlanCreditGrants(ctx: PluginContext, deposits: CreditDeposits): void {
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
  ctx.events.subscribe('messaging.grant-plan-credits', 'plan.assigned', async (payload) => {
    const entitlements = optionalEntitlements(ctx);
    const tenantId = (payload as { tenantId?: unknown }).tenantId;
    if (!entitlements || typeof tenantId !== 'string') return;
    const tenant = await ctx.tenants.get(tenantId);
    if (tenant?.status === 'active') await grantTenantPlanCredits(entitlements, deposits, tenantId);
  });
}
