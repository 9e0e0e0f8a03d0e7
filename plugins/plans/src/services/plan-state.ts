import type { EntityManager } from '@platform/sdk';
import type { LimitType } from '@platform/sdk/entitlements';
import { PlanAssignmentEntity, type PlanAssignment } from '../entities/plan-assignment.ts';
import { PlanEntity, type BillingInterval, type Plan } from '../entities/plan.ts';
import type { Governance } from '../entities/governance.ts';

/** Tenants without a plan count their months from the 1st (UTC). */
export const CALENDAR_ANCHOR = new Date(Date.UTC(1970, 0, 1));

/** What governs a tenant's usage at one moment: its assignment and plan, or the governance defaults. */
export interface PlanState {
  tenantId: string;
  at: Date;
  assignment: PlanAssignment | null;
  plan: Plan | null;
  anchor: Date;
  interval: BillingInterval;
  quotas: Record<string, number>;
  limitTypes: Record<string, LimitType>;
}

export function planStateOf(tenantId: string, at: Date, assignment: PlanAssignment | null, plan: Plan | null, governance: Pick<Governance, 'defaultQuotas'>): PlanState {
  if (assignment && plan) {
    return { tenantId, at, assignment, plan, anchor: assignment.billingAnchor, interval: plan.interval, quotas: plan.quotas ?? {}, limitTypes: plan.limitTypes ?? {} };
  }
  return { tenantId, at, assignment: null, plan: null, anchor: CALENDAR_ANCHOR, interval: 'monthly', quotas: governance.defaultQuotas ?? {}, limitTypes: {} };
}

/** Quota of a meter; null = unlimited. */
export function quotaOf(state: PlanState, meter: string): number | null {
  const q = state.quotas[meter];
  return typeof q === 'number' ? q : null;
}

export function limitTypeOf(state: PlanState, meter: string): LimitType {
  return state.limitTypes[meter] === 'soft' ? 'soft' : 'hard';
}

const effectiveAt = (at: Date) => ({ effectiveFrom: { $lte: at }, $or: [{ effectiveTo: null }, { effectiveTo: { $gt: at } }] });

/** The assignment in force at `at` (none before the first one). */
export async function assignmentAt(em: EntityManager, tenantId: string, at: Date): Promise<PlanAssignment | null> {
  return em.findOne(PlanAssignmentEntity, { tenantId, ...effectiveAt(at) } as any, { orderBy: { effectiveFrom: 'DESC' } as any });
}

/** Plan states of many tenants in three queries (assignments, plans, and the governance given). */
export async function loadPlanStates(em: EntityManager, tenantIds: string[], at: Date, governance: Governance): Promise<Map<string, PlanState>> {
  const assignments = tenantIds.length ? await em.find(PlanAssignmentEntity, { tenantId: { $in: tenantIds }, ...effectiveAt(at) } as any) : [];
  const planIds = [...new Set(assignments.map((a) => a.planId))];
  const plans = planIds.length ? await em.find(PlanEntity, { id: { $in: planIds } } as any) : [];
  const planById = new Map(plans.map((p) => [p.id, p]));
  const byTenant = new Map(assignments.map((a) => [a.tenantId, a]));
  const out = new Map<string, PlanState>();
  for (const tenantId of tenantIds) {
    const a = byTenant.get(tenantId) ?? null;
    out.set(tenantId, planStateOf(tenantId, at, a, a ? planById.get(a.planId) ?? null : null, governance));
  }
  return out;
}

export async function loadPlanState(em: EntityManager, tenantId: string, at: Date, governance: Governance): Promise<PlanState> {
  const assignment = await assignmentAt(em, tenantId, at);
  const plan = assignment ? await em.findOne(PlanEntity, { id: assignment.planId }) : null;
  return planStateOf(tenantId, at, assignment, plan, governance);
}
