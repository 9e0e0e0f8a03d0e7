import { ProblemError, type EntityManager } from '@platform/sdk';
import { billingPeriodOf } from '../billing/billing-period.ts';
import { utcDay } from '../billing/calendar.ts';
import { prorate, ProrationError, type PlanPrice, type Proration } from '../billing/prorate.ts';
import { PlanAssignmentEntity, type PlanAssignment } from '../entities/plan-assignment.ts';
import { PlanEntity, type Plan } from '../entities/plan.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/** Everything a plan change needs, worked out and validated before anything is written. */
export interface PlannedChange {
  target: Plan;
  /** The open assignment the change ends, if any. */
  current: PlanAssignment | null;
  currentPlan: Plan | null;
  at: Date;
  /** The current plan is in its trial at `at`: the trial carries over and nothing is credited or charged. */
  inTrial: boolean;
  proration: Proration;
  billingAnchor: Date;
}

function priceOf(plan: Plan, inTrial: boolean): PlanPrice {
  return { amount: inTrial ? 0 : plan.priceAmount, currency: plan.currency, interval: plan.interval };
}

/**
 * Validates a change of the tenant's plan to `planId` from `at` and computes its proration. Refuses
 * (400, naming the field) an unknown or archived plan, the plan the tenant is already on, a start
 * that overlaps the existing history (it must come after the start of the open assignment, or after
 * the end of the last one), and a currency change (which cannot be prorated).
 */
export async function planChange(em: EntityManager, tenantId: string, planId: string, at: Date): Promise<PlannedChange> {
  if (typeof planId !== 'string' || !UUID.test(planId)) refuse('planId', 'planId must be a plan id (uuid)');
  const target = await em.findOne(PlanEntity, { id: planId });
  if (!target) refuse('planId', `Plan ${planId} does not exist`);
  if (target.archived) refuse('planId', `Plan "${target.name}" is archived; tenants cannot be moved to it`);

  const latest = await em.findOne(PlanAssignmentEntity, { tenantId } as any, { orderBy: { effectiveFrom: 'DESC' } as any });
  if (latest) {
    const open = latest.effectiveTo === null;
    const overlaps = open ? at.getTime() <= latest.effectiveFrom.getTime() : at.getTime() < latest.effectiveTo!.getTime();
    if (overlaps) {
      const after = (open ? latest.effectiveFrom : latest.effectiveTo!).toISOString();
      const scheduled = open && latest.effectiveFrom.getTime() > Date.now();
      refuse(
        'effectiveFrom',
        scheduled
          ? `A plan change is already scheduled from ${after}; a new change must start after it`
          : `effectiveFrom ${at.toISOString()} overlaps the existing plan history: a change must start after ${after}`,
      );
    }
  }
  const current = latest && latest.effectiveTo === null ? latest : null;
  const currentPlan = current ? await em.findOne(PlanEntity, { id: current.planId }) : null;
  if (currentPlan && currentPlan.id === target.id) refuse('planId', `The tenant is already on plan "${target.name}"`);

  const inTrial = !!current?.trialEndsAt && !current.trialEndedAt && current.trialEndsAt.getTime() > at.getTime();
  const period = current && currentPlan ? billingPeriodOf(current.billingAnchor, currentPlan.interval, at) : billingPeriodOf(at, target.interval, at);
  let proration: Proration;
  try {
    proration = prorate({ from: currentPlan ? priceOf(currentPlan, inTrial) : null, to: priceOf(target, inTrial), period, changeAt: at });
  } catch (err) {
    if (err instanceof ProrationError) refuse('planId', `Cannot change to plan "${target.name}": ${err.message}`);
    throw err;
  }
  const billingAnchor = proration.anchorKept && current ? current.billingAnchor : utcDay(at);
  return { target, current, currentPlan, at, inTrial, proration, billingAnchor };
}
