import { defineTenantEntity, type TenantRow } from '@platform/sdk';
import type { Proration } from '../billing/prorate.ts';

/** One row of a tenant's plan history: which plan, from when to when, who assigned it and why. */
export interface PlanAssignment extends TenantRow {
  planId: string;
  effectiveFrom: Date;
  /** Null: open-ended (current or scheduled). */
  effectiveTo: Date | null;
  /** Billing periods start on this day every month/year. */
  billingAnchor: Date;
  assignedBy: string | null;
  assignedByLabel: string | null;
  reason: string;
  trialEndsAt: Date | null;
  /** When `plan.trial_ended` was emitted. */
  trialEndedAt: Date | null;
  proration: Proration | null;
}

export const PlanAssignmentEntity = defineTenantEntity<PlanAssignment>({
  name: 'PlansAssignment',
  tableName: 'plans_assignments',
  properties: {
    planId: { type: 'uuid', fieldName: 'plan_id' },
    effectiveFrom: { type: 'Date', fieldName: 'effective_from' },
    effectiveTo: { type: 'Date', fieldName: 'effective_to', nullable: true },
    billingAnchor: { type: 'Date', fieldName: 'billing_anchor' },
    assignedBy: { type: 'string', fieldName: 'assigned_by', nullable: true },
    assignedByLabel: { type: 'string', fieldName: 'assigned_by_label', nullable: true },
    reason: { type: 'text' },
    trialEndsAt: { type: 'Date', fieldName: 'trial_ends_at', nullable: true },
    trialEndedAt: { type: 'Date', fieldName: 'trial_ended_at', nullable: true },
    proration: { type: 'json', nullable: true },
  },
});
