import { ProblemError, type AuditInput, type EntityManager } from '@platform/sdk';
import { PlanEntity, planSummaryOf } from '../entities/plan.ts';
import { validateQuotas } from '../validation/validate-quotas.ts';
import { loadGovernance } from './governance-store.ts';
import type { PlansDeps } from './plans-deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GovernanceInput {
  maxTrialTenants?: number | null;
  defaultQuotas?: Record<string, number>;
  /** The plan new tenants get (null: none, they run on `defaultQuotas`). */
  defaultPlanId?: string | null;
}

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

/** Platform-wide plan rules: maximum trial tenants, limits of tenants without a plan, the default plan. */
export function createGovernanceService(deps: () => PlansDeps) {
  const view = async (em: EntityManager) => {
    const d = deps();
    const g = await loadGovernance(em);
    const defaultPlan = await em.findOne(PlanEntity, { isDefault: true } as any);
    const [trials] = await d.db.sql<{ n: number }>(
      `SELECT count(DISTINCT tenant_id)::int AS n FROM plans_assignments
        WHERE trial_ends_at > now() AND trial_ended_at IS NULL AND effective_from <= now() AND (effective_to IS NULL OR effective_to > now())`,
      [],
      em,
    );
    return {
      id: 'governance',
      maxTrialTenants: g.maxTrialTenants ?? null,
      defaultQuotas: g.defaultQuotas ?? {},
      defaultPlanId: defaultPlan?.id ?? null,
      defaultPlan: defaultPlan ? planSummaryOf(defaultPlan) : null,
      tenantsInTrial: Number(trials?.n ?? 0),
    };
  };

  return {
    get: () => view(deps().db.system()),

    async update(input: GovernanceInput, audit: (entry: AuditInput, em: EntityManager) => Promise<void>) {
      const d = deps();
      if (input.maxTrialTenants !== undefined && input.maxTrialTenants !== null && (!Number.isSafeInteger(input.maxTrialTenants) || input.maxTrialTenants < 0))
        refuse('maxTrialTenants', 'maxTrialTenants must be a whole number >= 0, or null for no limit');
      if (input.defaultQuotas !== undefined) validateQuotas(input.defaultQuotas, d.meters, 'defaultQuotas');
      return d.db.system().transactional(async (em) => {
        const before = await view(em);
        const g = await loadGovernance(em);
        if (input.maxTrialTenants !== undefined) g.maxTrialTenants = input.maxTrialTenants;
        if (input.defaultQuotas !== undefined) g.defaultQuotas = input.defaultQuotas;
        await em.flush();
        if (input.defaultPlanId !== undefined && input.defaultPlanId !== before.defaultPlanId) {
          if (input.defaultPlanId === null) {
            await d.db.sql('UPDATE plans_plans SET is_default = false, updated_at = now() WHERE is_default', [], em);
          } else {
            if (!UUID.test(input.defaultPlanId)) refuse('defaultPlanId', 'defaultPlanId must be a plan id (uuid)');
            const plan = await em.findOne(PlanEntity, { id: input.defaultPlanId });
            if (!plan) refuse('defaultPlanId', `Plan ${input.defaultPlanId} does not exist`);
            if (plan.archived) refuse('defaultPlanId', `Plan "${plan.name}" is archived and cannot be the default`);
            // The trigger takes the flag from the previous default in the same statement.
            await d.db.sql('UPDATE plans_plans SET is_default = true, updated_at = now() WHERE id = $1', [plan.id], em);
          }
        }
        const after = await view(em);
        await audit({ action: 'plans.governance.updated', tenantId: null, targetType: 'plans.governance', targetId: 'governance', before, after }, em);
        return after;
      });
    },
  };
}
