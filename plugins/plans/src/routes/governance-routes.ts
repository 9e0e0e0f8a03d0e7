import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { GovernanceInput } from '../services/governance-service.ts';
import type { PlansRuntime } from '../services/plans-runtime.ts';

const GovernanceBody = Type.Object(
  {
    maxTrialTenants: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    defaultQuotas: Type.Optional(Type.Record(Type.String(), Type.Integer())),
    defaultPlanId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    // react-admin sends the record back whole
    id: Type.Optional(Type.String()),
    defaultPlan: Type.Optional(Type.Any()),
    tenantsInTrial: Type.Optional(Type.Any()),
  },
  { additionalProperties: false },
);

/** Platform-wide plan rules. */
export function addGovernanceRoutes(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/governance',
    permission: 'plans.read',
    tenantScoped: false,
    scope: 'platform', // counts tenants across the platform
    schema: { summary: 'Governance: max trial tenants, limits of tenants without a plan, the default plan' },
    handler: () => rt.governance.get(),
  });
  ctx.routes.add({
    method: ['PUT', 'PATCH'],
    url: '/governance',
    permission: 'plans.write',
    tenantScoped: false,
    schema: { summary: 'Change governance settings (audited)', body: GovernanceBody },
    handler: (req: PlatformRequest<{ Body: GovernanceInput }>) => rt.governance.update(req.body, (entry, em) => req.ctx.audit(entry, em)),
  });
}
