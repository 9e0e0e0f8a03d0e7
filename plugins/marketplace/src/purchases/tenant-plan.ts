import type { RegisterContext } from '@platform/sdk';
import { ENTITLEMENTS_SERVICE, type EntitlementChecker } from '@platform/sdk/entitlements';
import { optionalService } from '../catalog/provision-targets.ts';

/** The key the plans plugin is asked about; any key answers with the tenant's current plan. */
const PROBE = 'marketplace';

/** The tenant's current plan key through the entitlements contract; null without the plans plugin or without a plan. */
export async function tenantPlanKey(ctx: Pick<RegisterContext, 'resolve'>, tenantId: string): Promise<string | null> {
  const entitlements = optionalService<EntitlementChecker>(ctx, ENTITLEMENTS_SERVICE);
  if (!entitlements) return null;
  const decision = await entitlements.check(tenantId, PROBE, 0);
  return decision.plan?.key ?? null;
}
