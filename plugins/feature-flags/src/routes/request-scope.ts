import { ProblemError, problems, type PlatformRequest, type TenantDirectory } from '@platform/sdk';
import type { TenantScope } from '../model/override-record.ts';

const CROSS_TENANT = 'platform.tenants.cross';

/** Flag definitions are platform-level: only platform staff (users or staff keys) change them. */
export function assertPlatformStaff(req: PlatformRequest): void {
  if (req.ctx.actor?.kind !== 'staff')
    throw new ProblemError(403, 'platform_only', 'Flag definitions are platform-level; only platform staff can change them');
}

export function isPlatformStaff(req: PlatformRequest): boolean {
  return req.ctx.actor?.kind === 'staff';
}

/**
 * Whose overrides a request sees: a tenant user or tenant key only its own tenant's; staff the
 * selected tenant (X-Tenant-Id), or with no tenant selected every tenant's (permission-checked).
 */
export function overrideScopeOf(req: PlatformRequest): TenantScope {
  if (!isPlatformStaff(req)) return { tenantId: req.ctx.requireTenant() };
  if (req.ctx.tenantId) return { tenantId: req.ctx.tenantId };
  req.ctx.require(CROSS_TENANT);
  return { allTenants: true };
}

/** The tenant a new override belongs to: the caller's own, or for staff the selected one or `tenantId` of the body. */
export async function overrideTenantOf(req: PlatformRequest, bodyTenantId: string | undefined, tenants: Pick<TenantDirectory, 'get'>): Promise<string> {
  const selected = req.ctx.tenantId;
  if (!isPlatformStaff(req)) {
    const own = req.ctx.requireTenant();
    if (bodyTenantId !== undefined && bodyTenantId !== own && bodyTenantId !== req.ctx.tenant?.slug)
      throw new ProblemError(403, 'tenant_mismatch', 'You can only set overrides in your own tenant', { field: 'tenantId' });
    return own;
  }
  if (bodyTenantId === undefined) {
    if (!selected) throw new ProblemError(400, 'tenant_required', 'Name the tenant (tenantId) or select one (X-Tenant-Id)', { field: 'tenantId' });
    return selected;
  }
  const tenant = await tenants.get(bodyTenantId);
  if (!tenant) throw problems.validation('tenantId', `Unknown tenant "${bodyTenantId}"`);
  if (selected && tenant.id !== selected) throw problems.validation('tenantId', 'tenantId differs from the selected tenant (X-Tenant-Id)');
  return tenant.id;
}
