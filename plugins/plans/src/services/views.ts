import type { Plan } from '../entities/plan.ts';
import type { PlanAssignment } from '../entities/plan-assignment.ts';

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** A plan as the API returns it. */
export function planView(p: Plan) {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    description: p.description ?? '',
    priceAmount: p.priceAmount,
    currency: p.currency,
    interval: p.interval,
    trialDays: p.trialDays,
    quotas: p.quotas ?? {},
    limitTypes: p.limitTypes ?? {},
    features: p.features ?? [],
    plugins: p.plugins ?? [],
    archived: p.archived,
    isDefault: p.isDefault,
    sortOrder: p.sortOrder,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export type AssignmentStatus = 'current' | 'scheduled' | 'past';

export function assignmentStatusOf(a: Pick<PlanAssignment, 'effectiveFrom' | 'effectiveTo'>, now: Date): AssignmentStatus {
  if (a.effectiveFrom.getTime() > now.getTime()) return 'scheduled';
  if (a.effectiveTo && a.effectiveTo.getTime() <= now.getTime()) return 'past';
  return 'current';
}

/** One row of a tenant's plan history. */
export function assignmentView(a: PlanAssignment, plan: Pick<Plan, 'id' | 'key' | 'name'> | null, now: Date) {
  return {
    id: a.id,
    tenantId: a.tenantId,
    planId: a.planId,
    plan: plan ? { id: plan.id, key: plan.key, name: plan.name } : null,
    status: assignmentStatusOf(a, now),
    effectiveFrom: iso(a.effectiveFrom)!,
    effectiveTo: iso(a.effectiveTo),
    billingAnchor: iso(a.billingAnchor)!,
    assignedBy: a.assignedBy,
    assignedByLabel: a.assignedByLabel,
    reason: a.reason,
    trialEndsAt: iso(a.trialEndsAt),
    trialEndedAt: iso(a.trialEndedAt),
    proration: a.proration ?? null,
    createdAt: iso(a.createdAt),
  };
}

export type AssignmentView = ReturnType<typeof assignmentView>;
export type PlanView = ReturnType<typeof planView>;
