import { problems, type RequestContext } from '@platform/sdk';

/**
 * Tenant users (and tenant-bound keys) read only their own tenant's health; anyone else must hold
 * `health.read`. A foreign tenant answers 404, so that its existence does not leak.
 */
export function assertCanReadTenant(ctx: RequestContext, tenantId: string): void {
  const own = ctx.actor?.tenantId ?? null;
  if (own !== null) {
    if (own !== tenantId) throw problems.notFound('Tenant health');
    return;
  }
  ctx.require('health.read');
}

/** Platform targets (and push monitors) are staff-only; tenant targets follow `assertCanReadTenant`. */
export function assertCanReadTarget(ctx: RequestContext, target: { tenantId: string | null }): void {
  if (target.tenantId) assertCanReadTenant(ctx, target.tenantId);
  else if (ctx.actor?.tenantId) throw problems.notFound('Health target');
  else ctx.require('health.read');
}
