import type { LimitType } from '@platform/sdk/entitlements';
import type { Proration } from './billing/prorate.ts';

/** `plan.assigned`: a tenant got a plan (default plan on creation, or a change). */
export interface PlanAssignedEvent {
  tenantId: string;
  assignmentId: string;
  planId: string;
  planKey: string;
  previousPlanId: string | null;
  effectiveFrom: string;
  trialEndsAt: string | null;
  assignedBy: string | null;
  reason: string;
  proration: Proration | null;
}

/** `plan.trial_ended`: a tenant's trial on a plan is over (billing starts). */
export interface PlanTrialEndedEvent {
  tenantId: string;
  assignmentId: string;
  planId: string;
  planKey: string;
  trialEndsAt: string;
}

/** `usage.threshold_crossed`: usage of a meter reached 80% or 100% of the quota (once per period). */
export interface UsageThresholdCrossedEvent {
  tenantId: string;
  meter: string;
  threshold: number;
  used: number;
  limit: number;
  limitType: LimitType;
  planId: string | null;
  /** Null for running totals (seats, stores). */
  periodStart: string | null;
  periodEnd: string | null;
}

declare module '@platform/sdk' {
  interface PlatformEvents {
    'plan.assigned': PlanAssignedEvent;
    'plan.trial_ended': PlanTrialEndedEvent;
    'usage.threshold_crossed': UsageThresholdCrossedEvent;
  }
}
