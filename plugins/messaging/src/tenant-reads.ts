import type { EntityManager, RequestContext } from '@platform/sdk';

/**
 * The entity manager a tenant-scoped read runs on, so row-level security backs the routes' own tenant
 * filters: across tenants for staff who read across tenants (no tenant selected), else the request's own
 * (its tenant's rows only).
 */
export function readerOf(req: RequestContext): EntityManager {
  return req.nameableTenantIds() === null ? req.acrossTenants() : req.em;
}
