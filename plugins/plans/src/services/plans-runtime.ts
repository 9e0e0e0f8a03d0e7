import type { ExtensionRegistry, PluginContext } from '@platform/sdk';
import { createMeterCatalog } from '../meters/meter-catalog.ts';
import { createEntitlementChecker } from './entitlement-service.ts';
import { createGovernanceService } from './governance-service.ts';
import { createPlanAssignments } from './plan-assignments.ts';
import type { PlansDeps } from './plans-deps.ts';
import { createUsageRecorder } from './usage-recorder.ts';
import { createUsageReport } from './usage-report.ts';
import { createPlanBillingSource } from './plan-billing-source.ts';
import { createPlanAssigner } from './plan-assigner.ts';

/** DI key of the plugin's own runtime (its routes, jobs and subscribers share it). */
export const PLANS_RUNTIME = 'plans.runtime';

/**
 * The plans services of one kernel. Created in `register()` (so `usage` and `entitlements` can be put
 * into DI for other plugins), bound to the kernel's database, events and audit in `boot()`.
 */
export function createPlansRuntime(extensions: Pick<ExtensionRegistry, 'get'>) {
  let bound: PlansDeps | null = null;
  const deps = (): PlansDeps => {
    if (!bound) throw new Error('the plans plugin is not booted yet: use the usage/entitlements services from boot() or a handler');
    return bound;
  };
  const meters = createMeterCatalog(extensions);
  const assignments = createPlanAssignments(deps);
  return {
    meters,
    bind(ctx: PluginContext, now: () => Date = () => new Date()): void {
      bound = { db: ctx.db, events: ctx.events, audit: ctx.audit, tenants: ctx.tenants, logger: ctx.logger, meters, now };
    },
    usage: createUsageRecorder(deps),
    entitlements: createEntitlementChecker(deps),
    assignments,
    report: createUsageReport(deps),
    governance: createGovernanceService(deps),
    billingSource: createPlanBillingSource(deps),
    assigner: createPlanAssigner(deps, assignments),
  };
}

export type PlansRuntime = ReturnType<typeof createPlansRuntime>;
