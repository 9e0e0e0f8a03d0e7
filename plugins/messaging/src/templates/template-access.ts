import { ProblemError, problems, type PermissionDefinition, type PlatformRequest } from '@platform/sdk';
import type { TemplateVisibility } from './template-store.ts';
import type { TemplateRecord } from './template-record.ts';

/** Read platform templates and the tenant's own (tenant scope: tenant users read their tenant's). */
export const TEMPLATES_READ = 'messaging.templates.read';
/** Create and change a tenant's templates (overrides): tenant admins their own; staff the tenant they name. */
export const TEMPLATES_WRITE = 'messaging.templates.write';
/** Create and change the platform's templates. Platform scope: tenant-bound callers never hold it. */
export const PLATFORM_TEMPLATES_WRITE = 'messaging.templates.platform.write';

export const TEMPLATE_PERMISSIONS: PermissionDefinition[] = [
  { key: TEMPLATES_READ, label: 'View message templates (the platform ones, and your tenant\'s overrides)', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin', 'tenant_member'] },
  { key: TEMPLATES_WRITE, label: 'Edit a tenant\'s message templates and overrides (tenant admins: their own tenant)', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: PLATFORM_TEMPLATES_WRITE, label: 'Edit the platform\'s message templates', scope: 'platform', grantTo: ['admin'] },
];

/** A tenant user or a tenant-bound API key: acts in its own tenant only. */
export function isTenantBound(req: PlatformRequest): boolean {
  const actor = req.ctx.actor;
  return !actor || actor.kind !== 'staff' || actor.tenantId !== null;
}

/**
 * Whose templates a request sees: the platform's, plus its own tenant's for a tenant-bound caller; for
 * staff, the selected tenant's (X-Tenant-Id), or every tenant's when they may read across tenants.
 */
export function visibilityOf(req: PlatformRequest): TemplateVisibility {
  if (isTenantBound(req)) return { tenants: [req.ctx.requireTenant()] };
  return { tenants: req.ctx.nameableTenantIds() };
}

/**
 * Who owns a new template: a tenant-bound caller's own tenant (naming another is 403 naming `tenantId`);
 * for staff, the tenant named by `tenantId`, else the platform (which needs the platform permission).
 */
export function ownerOfNewTemplate(req: PlatformRequest, tenantId: string | null | undefined): string | null {
  if (isTenantBound(req)) {
    const own = req.ctx.requireTenant();
    if (tenantId !== undefined && tenantId !== null) req.ctx.tenantsNamed('tenantId', tenantId);
    return own;
  }
  if (tenantId === undefined || tenantId === null) {
    req.ctx.require(PLATFORM_TEMPLATES_WRITE);
    return null;
  }
  const [named] = req.ctx.tenantsNamed('tenantId', tenantId) ?? [];
  if (!named) throw problems.validation('tenantId', `Unknown tenant "${tenantId}"`);
  return named;
}

/** Refuses a change of `template` the caller may not make: platform templates need the platform permission. */
export function assertCanChange(req: PlatformRequest, template: TemplateRecord): void {
  if (template.tenantId === null) {
    if (isTenantBound(req))
      throw new ProblemError(403, 'platform_template', 'Platform templates are read-only for tenants: create an override with the same key instead');
    req.ctx.require(PLATFORM_TEMPLATES_WRITE);
    return;
  }
  if (!isTenantBound(req)) req.ctx.tenantsNamed('tenantId', template.tenantId);
}
