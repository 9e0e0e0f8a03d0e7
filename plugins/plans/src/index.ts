import { definePlugin } from '@platform/sdk';
import { ENTITLEMENTS_SERVICE, PLAN_ASSIGNER, PLAN_BILLING_SOURCE, TENANT_PLAN_READER, USAGE_METERS, USAGE_SERVICE } from '@platform/sdk/entitlements';
import { fileURLToPath } from 'node:url';
import './plan-events.ts';
import { PlanEntity } from './entities/plan.ts';
import { PlanAssignmentEntity } from './entities/plan-assignment.ts';
import { UsageRecordEntity } from './entities/usage-record.ts';
import { ThresholdCrossingEntity } from './entities/threshold-crossing.ts';
import { GovernanceEntity } from './entities/governance.ts';
import { createPlansRuntime, PLANS_RUNTIME, type PlansRuntime } from './services/plans-runtime.ts';
import { createTenantPlanReader } from './services/tenant-plan-reader.ts';
import { addPlanRoutes } from './routes/plan-routes.ts';
import { addTenantPlanRoutes } from './routes/tenant-plan-routes.ts';
import { addUsageRoutes } from './routes/usage-routes.ts';
import { addGovernanceRoutes } from './routes/governance-routes.ts';
import { subscribeDefaultPlan } from './subscribers/default-plan-subscriber.ts';
import { defineTrialEndJob } from './jobs/trial-end-job.ts';
import { plansDataDeclarations } from './data-declarations.ts';
import { contributePlanHealthFacts } from './health/plan-health-facts.ts';
import { contributePlanKpis } from './kpis/plan-kpis.ts';

export type { PlanAssignedEvent, PlanTrialEndedEvent, UsageThresholdCrossedEvent } from './plan-events.ts';
export { prorate, type Proration, type ProrationInput } from './billing/prorate.ts';
export { billingPeriodOf } from './billing/billing-period.ts';
export { checkEntitlement } from './entitlements/check-entitlement.ts';
export { crossedThresholds } from './entitlements/crossed-thresholds.ts';

/**
 * Plans, entitlements and usage metering. Other plugins use it only through the SDK:
 * `ctx.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE)`, `ctx.resolve<UsageRecorder>(USAGE_SERVICE)`,
 * `requireEntitlement(...)`, and the `USAGE_METERS` extension point for their own meters.
 *
 * Routes under `/api/plans`:
 * - `plans` CRUD (platform catalog), `plans/:id/archive|unarchive`, `meters`
 * - `current`, `history`, `change/preview`, `change` (selected tenant)
 * - `usage` (summary; POST records), `usage/series`, `near-limits` (staff)
 * - `governance`
 * Events: `plan.assigned`, `plan.trial_ended`, `usage.threshold_crossed` (durable).
 */
export default definePlugin({
  name: 'plans',
  version: '0.1.0',
  description: 'Plans with quotas and entitlements, plan assignment with proration, usage metering, governance',
  kernel: '^0.1.0',
  scope: 'platform',
  permissions: [
    { key: 'plans.read', label: 'View plans and tenant plans', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin', 'tenant_member'] },
    { key: 'plans.write', label: 'Edit plans and governance, change tenant plans', scope: 'platform', grantTo: ['admin'] },
    { key: 'usage.read', label: 'View usage and limits', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
    { key: 'usage.write', label: 'Record usage (services and API keys)', scope: 'platform', grantTo: ['admin'] },
  ],
  entities: [PlanEntity, PlanAssignmentEntity, UsageRecordEntity, ThresholdCrossingEntity, GovernanceEntity],
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  data: plansDataDeclarations,
  nav: [
    { id: 'plans.catalog', label: 'Plans', path: '/plans/plans', icon: 'CreditCard', section: 'monetization', order: 10, permission: 'plans.read' },
    { id: 'plans.tenant', label: 'Tenant plan', path: '/plans/tenant', icon: 'ReceiptLong', section: 'monetization', order: 20, permission: 'plans.read' },
    { id: 'plans.usage', label: 'Usage', path: '/plans/usage', icon: 'BarChart', section: 'monetization', order: 30, permission: 'usage.read' },
    { id: 'plans.near-limits', label: 'Near limits', path: '/plans/near-limits', icon: 'Speed', section: 'monetization', order: 40, permission: 'platform.tenants.cross' },
    { id: 'plans.governance', label: 'Plan governance', path: '/plans/governance', icon: 'Policy', section: 'monetization', order: 50, permission: 'plans.write' },
  ],
  register(ctx) {
    ctx.extensions.declare(USAGE_METERS);
    const rt = createPlansRuntime(ctx.extensions);
    ctx.provide(PLANS_RUNTIME, rt);
    ctx.provide(USAGE_SERVICE, rt.usage);
    ctx.provide(ENTITLEMENTS_SERVICE, rt.entitlements);
    ctx.provide(PLAN_BILLING_SOURCE, rt.billingSource);
    ctx.provide(TENANT_PLAN_READER, createTenantPlanReader(rt));
    ctx.provide(PLAN_ASSIGNER, rt.assigner);
  },
  boot(ctx) {
    contributePlanKpis(ctx);
    const rt = ctx.resolve<PlansRuntime>(PLANS_RUNTIME);
    rt.bind(ctx);
    addPlanRoutes(ctx, rt);
    addTenantPlanRoutes(ctx, rt);
    addUsageRoutes(ctx, rt);
    addGovernanceRoutes(ctx, rt);
    subscribeDefaultPlan(ctx, rt);
    defineTrialEndJob(ctx, rt);
    contributePlanHealthFacts(ctx);
  },
  /** A new tenant starts on the default plan (its trial included) before it becomes active. Idempotent. */
  async onTenantProvisioned(ctx, tenant) {
    await ctx.resolve<PlansRuntime>(PLANS_RUNTIME).assignments.assignDefault(tenant.id);
  },
});
