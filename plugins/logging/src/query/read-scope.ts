import type { RequestContext } from '@platform/sdk';

/**
 * Which tenant's lines a caller may read. A tenant user (or tenant-bound key) reads only its own tenant,
 * and staff with a tenant selected only that tenant; reading every tenant ("All tenants", including
 * platform lines) needs `platform.tenants.cross`. Returns the tenant to restrict to, or null for all.
 */
export function readScopeOf(ctx: RequestContext, requestedTenantId: string | null): string | null {
  return ctx.tenantsNamed('tenantId', requestedTenantId)?.[0] ?? null;
}
