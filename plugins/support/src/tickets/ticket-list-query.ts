import { parseListParams, ProblemError, sqlEquals, type ListQuery, type ListParams, type RequestContext } from '@platform/sdk';

export const TICKET_SORTS: Record<string, string> = {
  number: 'number',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  lastActivityAt: 'last_activity_at',
  priority: "array_position(ARRAY['urgent','high','normal','low'], priority)",
  status: 'status',
  subject: 'subject',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
};

const TENANT_FILTERS = { id: 'uuid', status: 'string', priority: 'string', category: 'string', q: 'string' } as const;
const STAFF_FILTERS = { ...TENANT_FILTERS, tenantId: 'uuid', assigneeUserId: 'string', breached: 'boolean' } as const;

export interface TicketListSql {
  params: ListParams;
  where: string;
  values: unknown[];
  order: string;
}

function common(f: Record<string, unknown>, where: string[], values: unknown[]): void {
  if (f.id !== undefined) where.push(sqlEquals(values, 'id', f.id, 'uuid'));
  if (f.status !== undefined) where.push(sqlEquals(values, 'status', f.status));
  if (f.priority !== undefined) where.push(sqlEquals(values, 'priority', f.priority));
  if (f.category !== undefined) where.push(sqlEquals(values, 'category', f.category));
  if (typeof f.q === 'string' && f.q) {
    values.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`(subject ILIKE $${values.length} OR body ILIKE $${values.length} OR number::text = $${values.push(f.q.replace(/^#/, ''))})`);
  }
}

function orderOf(p: ListParams): string {
  return p.sort ? `${TICKET_SORTS[p.sort.field]} ${p.sort.order} NULLS LAST, id` : 'last_activity_at DESC, id';
}

/** A tenant caller's list: their tenant's tickets, only their own unless they see the whole tenant. */
export function tenantTicketList(query: ListQuery, req: RequestContext, wholeTenant: boolean): TicketListSql {
  const params = parseListParams(query, { sort: Object.keys(TICKET_SORTS), filter: TENANT_FILTERS });
  const values: unknown[] = [req.requireTenant()];
  const where = ['tenant_id = $1'];
  if (!wholeTenant) where.push(`reporter_user_id = ${(values.push(req.actor?.type === 'user' ? req.actor.id : null), `$${values.length}`)}`);
  common(params.filter, where, values);
  return { params, where: where.join(' AND '), values, order: orderOf(params) };
}

/**
 * Staff's queue across tenants: filter tenantId, status, priority, category, q, breached, and assigneeUserId
 * (a user id, `me`, or `none` for unassigned).
 */
export function staffTicketList(query: ListQuery, req: RequestContext, now: Date): TicketListSql {
  const params = parseListParams(query, { sort: Object.keys(TICKET_SORTS), filter: STAFF_FILTERS });
  const f = params.filter;
  const values: unknown[] = [];
  const where = ['true'];
  const tenants = req.tenantsNamed('filter.tenantId', f.tenantId as string | string[] | undefined);
  if (tenants !== null) where.push(`tenant_id = ANY(${(values.push(tenants), `$${values.length}`)}::uuid[])`);
  common(f, where, values);
  if (f.assigneeUserId === 'none') where.push('assignee_user_id IS NULL');
  else if (f.assigneeUserId === 'me') where.push(`assignee_user_id = ${(values.push(req.actor?.id ?? null), `$${values.length}`)}::uuid`);
  else if (typeof f.assigneeUserId === 'string') {
    if (!/^[0-9a-f-]{36}$/i.test(f.assigneeUserId)) throw new ProblemError(400, 'validation_failed', 'filter.assigneeUserId must be a user id, "me" or "none"', { field: 'filter.assigneeUserId' });
    where.push(sqlEquals(values, 'assignee_user_id', f.assigneeUserId, 'uuid'));
  }
  if (f.breached !== undefined) {
    const n = `$${values.push(now)}`;
    const breached = `(first_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL
      OR (first_response_at IS NULL AND status NOT IN ('solved','closed') AND first_response_due_at < ${n})
      OR (solved_at IS NULL AND closed_at IS NULL AND resolution_due_at < ${n}))`;
    where.push(f.breached === true ? breached : `NOT ${breached}`);
  }
  return { params, where: where.join(' AND '), values, order: orderOf(params) };
}
