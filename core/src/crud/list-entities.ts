import type { EntityManager, EntityName } from '@mikro-orm/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentRange, filterKindsOf, parseListQuery } from '../http/list-query.ts';
import { toPlain } from './crud-routes.ts';

/** react-admin list for a kernel entity: filters, `q` search, sort, range and Content-Range. */
export async function listEntities(
  req: FastifyRequest<{ Querystring: Record<string, unknown> }>,
  reply: FastifyReply,
  o: { em: EntityManager; entity: EntityName<any>; resource: string; fields: string[]; searchFields: string[]; where?: Record<string, unknown>; map?: (row: any) => unknown },
): Promise<unknown[]> {
  const kinds = filterKindsOf(o.em, o.entity);
  const q = parseListQuery(req.query, { sort: o.fields, filter: o.fields, kinds });
  const where: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q.filter)) {
    if (k === 'q') {
      if (typeof v === 'string' && v) where.$or = o.searchFields.map((f) => ({ [f]: { $ilike: `%${v.replace(/[\\%_]/g, (c) => '\\' + c)}%` } }));
    } else if (kinds[k] === 'string[]') where[k] = { $overlap: Array.isArray(v) ? v : [v] };
    else where[k] = Array.isArray(v) ? { $in: v } : v;
  }
  // The scope (e.g. the actor's own tenant) narrows the client's filter; it must not replace a filtered field.
  const scoped = o.where && Object.keys(o.where).length ? { $and: [where, o.where] } : where;
  const [rows, total] = await o.em.findAndCount(o.entity, scoped, {
    orderBy: q.sort ? { [q.sort.field]: q.sort.order } : { createdAt: 'DESC' },
    limit: q.limit,
    offset: q.offset,
  } as any);
  reply.header('Content-Range', contentRange(o.resource, q.offset, rows.length, total));
  return rows.map(o.map ?? toPlain);
}

export const ListQuerySchema = {
  type: 'object',
  properties: { sort: { type: 'string' }, range: { type: 'string' }, filter: { type: 'string' } },
} as const;
