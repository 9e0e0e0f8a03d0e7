import { ProblemError, type AuditInput, type EntityManager } from '@platform/sdk';
import { billingPeriodOf } from '../billing/billing-period.ts';
import { PlanAssignmentEntity, type PlanAssignment } from '../entities/plan-assignment.ts';
import { PlanEntity, type Plan } from '../entities/plan.ts';
import { lockTenantAssignments } from './advisory-locks.ts';
import { loadGovernance } from './governance-store.ts';
import { planChange, type PlannedChange } from './plan-change.ts';
import type { PlansDeps } from './plans-deps.ts';
import { assignmentView, planView } from './views.ts';

const DAY_MS = 86_400_000;

/** Who changes a plan; `audit` writes into the change's transaction. */
export interface AssignmentActor {
  id: string | null;
  label: string | null;
  audit(entry: AuditInput, em: EntityManager): Promise<void>;
}

export interface PlanChangeInput {
  planId: string;
  reason: string;
  /** Default now; a future date schedules the change. */
  effectiveFrom?: string | Date;
}

function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; sqlState?: string; message?: string; cause?: { code?: string } };
  return e?.code === '23P01' || e?.sqlState === '23P01' || e?.cause?.code === '23P01' || /plans_assignments_(no_overlap|one_open)/.test(e?.message ?? '');
}

function parseWhen(value: string | Date | undefined, now: Date): Date {
  if (value === undefined || value === null) return now;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new ProblemError(400, 'validation_failed', 'effectiveFrom must be a date', { field: 'effectiveFrom' });
  return at;
}

/** When the trial of a new assignment ends: carried over, or the plan's trial days for a tenant's first trial while governance allows it. */
async function trialEndFor(d: PlansDeps, em: EntityManager, tenantId: string, plan: Plan, at: Date, carried: Date | null): Promise<Date | null> {
  if (carried) return carried;
  if (!plan.trialDays || plan.trialDays <= 0) return null;
  const [had] = await d.db.sql<{ had: boolean }>('SELECT EXISTS (SELECT 1 FROM plans_assignments WHERE tenant_id = $1 AND trial_ends_at IS NOT NULL) AS had', [tenantId], em);
  if (had?.had) return null;
  const governance = await loadGovernance(em);
  if (governance.maxTrialTenants !== null && governance.maxTrialTenants !== undefined) {
    const [row] = await d.db.sql<{ n: number }>(
      `SELECT count(DISTINCT tenant_id)::int AS n FROM plans_assignments
        WHERE trial_ends_at > $1 AND trial_ended_at IS NULL AND effective_from <= $1 AND (effective_to IS NULL OR effective_to > $1)`,
      [at.toISOString()],
      em,
    );
    if (Number(row?.n ?? 0) >= governance.maxTrialTenants) {
      d.logger.info({ tenantId, plan: plan.key, maxTrialTenants: governance.maxTrialTenants }, 'trial tenant limit reached; assigning without a trial');
      return null;
    }
  }
  return new Date(at.getTime() + plan.trialDays * DAY_MS);
}

/** Closes the open assignment (if any) and inserts the new one; an overlap found by the database is a 400. */
async function writeAssignment(em: EntityManager, tenantId: string, change: Pick<PlannedChange, 'target' | 'current' | 'at' | 'billingAnchor'> & { proration: PlannedChange['proration'] | null }, meta: { by: { id: string | null; label: string | null }; reason: string; trialEndsAt: Date | null }): Promise<PlanAssignment> {
  try {
    if (change.current) {
      change.current.effectiveTo = change.at;
      await em.flush();
    }
    const created = em.create(PlanAssignmentEntity, {
      tenantId,
      planId: change.target.id,
      effectiveFrom: change.at,
      effectiveTo: null,
      billingAnchor: change.billingAnchor,
      assignedBy: meta.by.id,
      assignedByLabel: meta.by.label,
      reason: meta.reason,
      trialEndsAt: meta.trialEndsAt,
      trialEndedAt: null,
      proration: change.proration,
    } as any);
    await em.flush();
    return created;
  } catch (err) {
    if (isOverlap(err)) throw new ProblemError(400, 'validation_failed', 'effectiveFrom overlaps another assignment of this tenant', { field: 'effectiveFrom' });
    throw err;
  }
}

/** Plan assignment: current plan and history, preview and change with proration, default plan, trial ends. */
export function createPlanAssignments(deps: () => PlansDeps) {
  return {
    /** The tenant's plan now, its trial and billing period, and a scheduled change if there is one. */
    async current(tenantId: string) {
      const d = deps();
      const now = d.now();
      const em = d.db.forTenant(tenantId);
      const rows = await em.find(PlanAssignmentEntity, { tenantId } as any, { orderBy: { effectiveFrom: 'DESC' } as any, limit: 2 });
      const current = rows.find((a) => a.effectiveFrom <= now && (!a.effectiveTo || a.effectiveTo > now)) ?? null;
      const scheduled = rows.find((a) => a.effectiveFrom > now) ?? null;
      const plans = await em.find(PlanEntity, { id: { $in: rows.map((r) => r.planId) } } as any);
      const planOf = (a: PlanAssignment | null) => (a ? plans.find((p) => p.id === a.planId) ?? null : null);
      const plan = planOf(current);
      const governance = await loadGovernance(em);
      const period = current && plan ? billingPeriodOf(current.billingAnchor, plan.interval, now) : null;
      return {
        id: 'current',
        tenantId,
        plan: plan ? planView(plan) : null,
        assignment: current ? assignmentView(current, plan, now) : null,
        inTrial: !!current?.trialEndsAt && !current.trialEndedAt && current.trialEndsAt > now,
        trialEndsAt: current?.trialEndsAt?.toISOString() ?? null,
        billingPeriod: period ? { start: period.start.toISOString(), end: period.end.toISOString() } : null,
        scheduled: scheduled ? assignmentView(scheduled, planOf(scheduled), now) : null,
        /** Limits that apply while the tenant has no plan. */
        defaultQuotas: plan ? null : governance.defaultQuotas,
      };
    },

    /** Every assignment of the tenant, newest first. */
    async history(tenantId: string) {
      const d = deps();
      const now = d.now();
      const em = d.db.forTenant(tenantId);
      const rows = await em.find(PlanAssignmentEntity, { tenantId } as any, { orderBy: { effectiveFrom: 'DESC' } as any });
      const plans = await em.find(PlanEntity, { id: { $in: [...new Set(rows.map((r) => r.planId))] } } as any);
      return rows.map((a) => assignmentView(a, plans.find((p) => p.id === a.planId) ?? null, now));
    },

    /** What changing to `planId` would do: the proration, without writing anything. */
    async preview(tenantId: string, input: { planId: string; effectiveFrom?: string | Date }) {
      const d = deps();
      const now = d.now();
      const at = parseWhen(input.effectiveFrom, now);
      const em = d.db.forTenant(tenantId);
      const change = await planChange(em, tenantId, input.planId, at);
      const trialEndsAt = await trialEndFor(d, em, tenantId, change.target, at, change.inTrial ? change.current!.trialEndsAt : null);
      return {
        id: 'preview',
        tenantId,
        effectiveFrom: at.toISOString(),
        from: change.currentPlan ? planView(change.currentPlan) : null,
        to: planView(change.target),
        inTrial: change.inTrial,
        trialEndsAt: trialEndsAt?.toISOString() ?? null,
        billingAnchor: change.billingAnchor.toISOString(),
        proration: change.proration,
      };
    },

    /** Moves the tenant to another plan from `effectiveFrom` (default now), audited, emitting `plan.assigned`. */
    async change(tenantId: string, input: PlanChangeInput, by: AssignmentActor) {
      const d = deps();
      const now = d.now();
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason) throw new ProblemError(400, 'validation_failed', 'A reason is required for a plan change', { field: 'reason' });
      const at = parseWhen(input.effectiveFrom, now);
      return d.db.forTenant(tenantId).transactional(async (em) => {
        await lockTenantAssignments(d.db, em, tenantId);
        const change = await planChange(em, tenantId, input.planId, at);
        const before = change.current ? assignmentView(change.current, change.currentPlan, now) : null;
        const trialEndsAt = await trialEndFor(d, em, tenantId, change.target, at, change.inTrial ? change.current!.trialEndsAt : null);
        const created = await writeAssignment(em, tenantId, change, { by, reason, trialEndsAt });
        const after = assignmentView(created, change.target, now);
        await by.audit({ action: 'plans.assignment.changed', tenantId, targetType: 'plans.assignment', targetId: created.id, before, after, reason }, em);
        await d.events.emitDurable(em, 'plan.assigned', {
          tenantId,
          assignmentId: created.id,
          planId: change.target.id,
          planKey: change.target.key,
          previousPlanId: change.currentPlan?.id ?? null,
          effectiveFrom: at.toISOString(),
          trialEndsAt: trialEndsAt?.toISOString() ?? null,
          assignedBy: by.id,
          reason,
          proration: change.proration,
        });
        return { assignment: after, proration: change.proration, previous: before };
      });
    },

    /** Gives a tenant without any assignment the default plan. Idempotent; null when nothing was done. */
    async assignDefault(tenantId: string) {
      const d = deps();
      return d.db.forTenant(tenantId).transactional(async (em) => {
        await lockTenantAssignments(d.db, em, tenantId);
        if ((await em.count(PlanAssignmentEntity, { tenantId } as any)) > 0) return null;
        const plan = await em.findOne(PlanEntity, { isDefault: true, archived: false } as any);
        if (!plan) {
          d.logger.info({ tenantId }, 'no default plan: the new tenant runs on the governance default limits');
          return null;
        }
        const at = d.now();
        const reason = `Default plan "${plan.name}" for a new tenant`;
        const trialEndsAt = await trialEndFor(d, em, tenantId, plan, at, null);
        const by = { id: 'system', label: 'plans: default plan' };
        const created = await writeAssignment(em, tenantId, { target: plan, current: null, at, billingAnchor: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())), proration: null }, { by, reason, trialEndsAt });
        const view = assignmentView(created, plan, at);
        await d.audit.record({ action: 'plans.assignment.created', actorType: 'system', actorId: null, tenantId, targetType: 'plans.assignment', targetId: created.id, after: view, reason }, em);
        await d.events.emitDurable(em, 'plan.assigned', {
          tenantId, assignmentId: created.id, planId: plan.id, planKey: plan.key, previousPlanId: null, effectiveFrom: at.toISOString(),
          trialEndsAt: trialEndsAt?.toISOString() ?? null, assignedBy: 'system', reason, proration: null,
        });
        return view;
      });
    },

    /** Marks trials that are over and emits `plan.trial_ended` for each (several instances: each row once). */
    async endDueTrials(now = deps().now()): Promise<number> {
      const d = deps();
      return d.db.system().transactional(async (em) => {
        const ended = await d.db.sql<{ id: string; tenant_id: string; plan_id: string; trial_ends_at: Date }>(
          `UPDATE plans_assignments SET trial_ended_at = $1, updated_at = now()
            WHERE id IN (
              SELECT id FROM plans_assignments
               WHERE trial_ends_at <= $1 AND trial_ended_at IS NULL AND (effective_to IS NULL OR effective_to >= trial_ends_at)
               ORDER BY trial_ends_at LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING id, tenant_id::text AS tenant_id, plan_id::text AS plan_id, trial_ends_at`,
          [now.toISOString()],
          em,
        );
        if (!ended.length) return 0;
        const plans = await em.find(PlanEntity, { id: { $in: [...new Set(ended.map((r) => r.plan_id))] } } as any);
        for (const row of ended) {
          const plan = plans.find((p) => p.id === row.plan_id);
          const payload = { tenantId: row.tenant_id, assignmentId: row.id, planId: row.plan_id, planKey: plan?.key ?? '', trialEndsAt: new Date(row.trial_ends_at).toISOString() };
          await d.events.emitDurable(em, 'plan.trial_ended', payload);
          await d.audit.record({ action: 'plans.trial_ended', actorType: 'system', actorId: null, tenantId: row.tenant_id, targetType: 'plans.assignment', targetId: row.id, after: payload }, em);
        }
        return ended.length;
      });
    },
  };
}

export type PlanAssignments = ReturnType<typeof createPlanAssignments>;
