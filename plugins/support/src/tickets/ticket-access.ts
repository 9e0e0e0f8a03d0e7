import type { EntityManager, RequestContext } from '@platform/sdk';
import { ProblemError } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import type { TicketRecord } from './ticket-store.ts';

/**
 * The entity manager staff routes run on: across tenants when no tenant is selected, else the selected tenant's
 * (row-level security then backs every filter).
 */
export function staffReaderOf(req: RequestContext): EntityManager {
  return req.nameableTenantIds() === null ? req.acrossTenants() : req.em;
}

/** Whether a tenant caller sees every ticket of the tenant, or only the ones they reported. */
export function seesWholeTenant(req: RequestContext): boolean {
  return req.can(SUPPORT_PERMISSIONS.tenantWide);
}

/**
 * The tenant-side rule on one ticket: it is the caller's tenant's (row-level security already hides others'),
 * and the caller reported it unless they see the whole tenant. Anything else is a 404, never a 403, so a
 * ticket id tells nothing about tickets one may not see.
 */
export function requireTenantVisible(req: RequestContext, ticket: TicketRecord | null, id: string): TicketRecord {
  const tenantId = req.requireTenant();
  const actorId = req.actor?.type === 'user' ? req.actor.id : null;
  if (!ticket || ticket.tenantId !== tenantId || (!seesWholeTenant(req) && (actorId === null || ticket.reporterUserId !== actorId)))
    throw new ProblemError(404, 'not_found', `ticket ${id} not found`);
  return ticket;
}

/** Staff with a tenant selected see only that tenant's tickets. */
export function requireStaffVisible(req: RequestContext, ticket: TicketRecord | null, id: string): TicketRecord {
  const nameable = req.nameableTenantIds();
  if (!ticket || (nameable !== null && !nameable.includes(ticket.tenantId))) throw new ProblemError(404, 'not_found', `ticket ${id} not found`);
  return ticket;
}

/** The caller's label in a thread: name, else email, else what kind of caller. */
export function actorLabelOf(req: RequestContext): string {
  const a = req.actor;
  if (!a) return 'unknown';
  return a.name || a.email || (a.type === 'api_key' ? 'API key' : a.type);
}
