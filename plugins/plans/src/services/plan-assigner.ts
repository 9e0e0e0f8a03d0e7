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
  };
}
