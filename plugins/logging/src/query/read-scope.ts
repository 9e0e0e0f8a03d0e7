import { ProblemError, type RequestContext } from '@platform/sdk';

/**
 * Which tenant's lines a caller may read. A tenant user (or tenant-bound key) reads only its own tenant,
 * and staff with a tenant selected only that tenant; reading every tenant ("All tenants", including
 * platform lines) needs `platform.tenants.cross`. Returns the tenant to restrict to, or null for all.
 */
export function readScopeOf(ctx: RequestContext, requestedTenantId: string | null): string | null {
  const own = ctx.actor?.tenantId ?? null;
  const bound = own ?? ctx.tenantId;
  if (bound) {
    if (requestedTenantId && requestedTenantId !== bound)
      throw new ProblemError(403, 'forbidden', own ? "You can only read your own tenant's logs" : 'tenantId differs from the selected tenant (X-Tenant-Id)', { field: 'tenantId' });
    return bound;
  }
  ctx.acrossTenants(); // throws 403 without platform.tenants.cross
  return requestedTenantId;
}
