import { ProblemError } from '@platform/sdk';
import type { PlanAssigner } from '@platform/sdk/entitlements';
import { PlanEntity } from '../entities/plan.ts';
import type { createPlanAssignments } from './plan-assignments.ts';
import type { PlansDeps } from './plans-deps.ts';

/** `PLAN_ASSIGNER`: a plan change by key on behalf of another plugin, with the usual proration and audit. */
export function createPlanAssigner(deps: () => PlansDeps, assignments: ReturnType<typeof createPlanAssignments>): PlanAssigner {
  return {
    async assignByKey(tenantId, planKey, reason, by) {
      const d = deps();
      const plan = await d.db.system().findOne(PlanEntity, { key: planKey });
      if (!plan) throw new ProblemError(400, 'validation_failed', `No plan "${planKey}"`, { field: 'planKey' });
      const current = await assignments.current(tenantId);
      if (current.plan?.id === plan.id) return { changed: false };
      await assignments.change(tenantId, { planId: plan.id, reason }, {
        id: null,
        label: `plugin:${by.plugin}`,
        audit: (entry, em) => d.audit.record({ ...entry, actorType: 'system', actorId: by.plugin }, em),
      });
      return { changed: true };
    },

    async extendTrial(tenantId, days, reason, by) {
      const d = deps();
      const now = d.now();
      const em = d.db.forTenant(tenantId);
      return em.transactional(async (tx) => {
        const [row] = await d.db.sql<{ id: string; before: Date; after: Date }>(
          `UPDATE plans_assignments a SET trial_ends_at = a.trial_ends_at + make_interval(days => $3), updated_at = now()
           FROM (SELECT id, trial_ends_at FROM plans_assignments WHERE tenant_id = $1 AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)
                   AND trial_ends_at > $2 AND trial_ended_at IS NULL ORDER BY effective_from DESC LIMIT 1 FOR UPDATE) cur
           WHERE a.id = cur.id RETURNING a.id, cur.trial_ends_at AS before, a.trial_ends_at AS after`,
          [tenantId, now, days],
          tx,
        );
        if (!row) throw new ProblemError(409, 'not_in_trial', 'The tenant is not in a trial', { field: 'tenantId' });
        const trialEndsAt = new Date(row.after).toISOString();
        await d.audit.record(
          { action: 'plan.trial_extended', tenantId, targetType: 'plan_assignment', targetId: row.id, before: { trialEndsAt: new Date(row.before).toISOString() }, after: { trialEndsAt, days }, reason, actorType: 'system', actorId: by.plugin },
          tx,
        );
        return { trialEndsAt };
      });
    },
  };
}
