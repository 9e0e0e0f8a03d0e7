import { wrap, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Type, type TObject } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, type CrudOptions, type EventBus, type RouteDefinition } from '@platform/sdk';
import { contentRange, filterKindsOf, parseListQuery } from '../http/list-query.ts';
import { CROSS_TENANT } from '../auth/permission-catalog.ts';
import type { TableReadCache } from './table-read-cache.ts';
import type { TableChangeFeed } from '../db/table-change-feed.ts';
import { buildListSql, listColumnsOf } from './list-sql.ts';
import { readListPage, readListTotal } from './list-page-reader.ts';
import { rowScopeKey, type RowScope } from '../db/row-scope.ts';
import { requestRowScope } from '../http/request-context.ts';

/** A list page as sent: the serialised rows and their Content-Range. */
interface ListPage {
  body: string;
  contentRange: string;
}

const READ_ONLY_FIELDS = ['id', 'tenantId', 'createdAt', 'updatedAt'];

export function toPlain(entity: object): Record<string, unknown> {
  return wrap(entity as any).toObject() as Record<string, unknown>;
}

/** `Type.Object` with unknown fields refused, so a typo gets a 400 naming the field. */
function closed(schema: TObject): TObject {
  return { ...schema, additionalProperties: false } as TObject;
}

/** Update schema: every field optional; the read-only fields react-admin echoes back are tolerated and checked. */
function updateSchemaOf(o: CrudOptions): TObject {
  const base = o.updateSchema ?? Type.Partial(o.createSchema);
  const echo = {
    id: Type.Optional(Type.String()),
    tenantId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    createdAt: Type.Optional(Type.Any()),
    updatedAt: Type.Optional(Type.Any()),
  };
  return closed(Type.Object({ ...echo, ...Type.Partial(base).properties }));
}

/** list/get/create/update/delete for one entity, following react-admin's REST conventions. */
export function buildCrudRoutes(plugin: string, o: CrudOptions, deps: { em: EntityManager; events: EventBus; readCache: TableReadCache; tableChanges: TableChangeFeed }): RouteDefinition[] {
  const tenantScoped = o.tenantScoped !== false;
  const createSchema = closed(o.createSchema);
  const updateSchema = updateSchemaOf(o);
  const fields = o.filterFields ?? [...Object.keys(o.createSchema.properties), 'id', 'createdAt', 'updatedAt', ...(tenantScoped ? ['tenantId'] : [])];
  const searchFields = o.searchFields ?? [];
  const tags = [plugin];
  const resourceName = o.path.replace(/^\//, '');
  const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

  const emFor = (req: FastifyRequest): EntityManager => req.ctx.em;
  const columns = listColumnsOf(deps.em, o.entity);
  const filterKinds = filterKindsOf(deps.em, o.entity);
  const cache = deps.readCache;
  deps.tableChanges.watch(columns.table);
  /** After a write commits: this instance's next list reads it (other instances hear the table's trigger). */
  const changed = <T>(result: T): T => {
    cache.invalidate(columns.table);
    return result;
  };

  const load = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const row = await emFor(req).findOne(o.entity, { id: req.params.id } as FilterQuery<any>);
    if (!row) throw new ProblemError(404, 'not_found', `${o.resource} ${req.params.id} not found`);
    return row;
  };

  const emit = async (em: EntityManager, what: 'created' | 'updated' | 'deleted', req: FastifyRequest, row: Record<string, unknown>) => {
    if (o.eventPrefix) await deps.events.emitDurable(em, `${o.eventPrefix}.${what}`, { tenantId: req.ctx.tenantId, id: row.id, record: row });
  };

  return [
    {
      method: 'GET',
      url: o.path,
      permission: o.permissions.read,
      scope: o.scope,
      tenantScoped: false,
      schema: { tags, summary: `List ${o.resource}`, querystring: Type.Object({ sort: Type.Optional(Type.String()), range: Type.Optional(Type.String()), filter: Type.Optional(Type.String()) }) },
      async handler(req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
        let scope: RowScope;
        if (tenantScoped && !req.ctx.tenantId) {
          if (!req.ctx.can(CROSS_TENANT)) req.ctx.requireTenant();
          req.ctx.acrossTenants(); // checked before the cache, which holds what staff may read
          scope = 'all';
        } else scope = requestRowScope(req.ctx);
        // Lists are the hot path. A page is one parameterised SELECT read as plain rows (no entity
        // hydration, no entity manager) under the request's row scope, plus a COUNT; both are kept, the
        // page already serialised, until the table changes. The page is named by the rows row-level
        // security lets the request see (its tenant, every tenant, or the platform-level rows) and the URL
        // (a query that fails validation is never kept).
        const scopeKey = rowScopeKey(scope);
        const pageKey = `${scopeKey}|${req.url}`;
        const page = cache.peek<ListPage>(columns.table, pageKey) ?? await cache.read(columns.table, pageKey, async (): Promise<ListPage> => {
          const q = parseListQuery(req.query, { sort: fields, filter: fields, kinds: filterKinds });
          const sql = buildListSql(columns, { tenantId: tenantScoped ? req.ctx.tenantId : null, filter: q.filter, searchFields, sort: q.sort, limit: q.limit, offset: q.offset });
          const [rows, total] = await Promise.all([
            readListPage(deps.em, scope, columns, sql.select),
            cache.read(columns.table, `count|${scopeKey}|${sql.count.text}|${JSON.stringify(sql.count.params)}`, () => readListTotal(deps.em, scope, sql.count)),
          ]);
          return { body: JSON.stringify(rows), contentRange: contentRange(resourceName, q.offset, rows.length, total) };
        });
        reply.header('Content-Range', page.contentRange);
        reply.header('Content-Type', 'application/json; charset=utf-8');
        return page.body;
      },
    },
    {
      method: 'GET',
      url: `${o.path}/:id`,
      permission: o.permissions.read,
      scope: o.scope,
      tenantScoped,
      schema: { tags, summary: `Get one ${o.resource}`, params: idParams },
      async handler(req: FastifyRequest<{ Params: { id: string } }>) {
        return toPlain(await load(req));
      },
    },
    {
      method: 'POST',
      url: o.path,
      permission: o.permissions.write,
      scope: o.scope,
      tenantScoped,
      schema: { tags, summary: `Create ${o.resource}`, body: createSchema },
      async handler(req: FastifyRequest<{ Body: Record<string, unknown> }>, reply: FastifyReply) {
        const data: Record<string, unknown> = { ...req.body };
        if (tenantScoped) data.tenantId = req.ctx.requireTenant();
        await o.beforeSave?.(data, req);
        const created = changed(await emFor(req).transactional(async (em) => {
          const row = em.create(o.entity, data as any);
          await em.flush();
          const plain = toPlain(row);
          await req.ctx.audit({ action: `${o.resource}.created`, targetType: o.resource, targetId: String(plain.id), after: plain }, em);
          await emit(em, 'created', req, plain);
          return plain;
        }));
        reply.status(201);
        return created;
      },
    },
    {
      method: ['PUT', 'PATCH'],
      url: `${o.path}/:id`,
      permission: o.permissions.write,
      scope: o.scope,
      tenantScoped,
      schema: { tags, summary: `Update ${o.resource}`, params: idParams, body: updateSchema },
      async handler(req: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>) {
        const body = { ...req.body };
        if (body.id !== undefined && body.id !== req.params.id) throw new ProblemError(400, 'validation_failed', 'Body id does not match the URL', { field: 'id' });
        if (tenantScoped && body.tenantId !== undefined && body.tenantId !== req.ctx.tenantId)
          throw new ProblemError(400, 'validation_failed', 'tenantId cannot be changed', { field: 'tenantId' });
        for (const f of READ_ONLY_FIELDS) delete body[f];
        return changed(await emFor(req).transactional(async (em) => {
          const row = await em.findOne(o.entity, { id: req.params.id } as FilterQuery<any>);
          if (!row) throw new ProblemError(404, 'not_found', `${o.resource} ${req.params.id} not found`);
          const before = toPlain(row);
          await o.beforeSave?.(body, req, before);
          em.assign(row, body);
          await em.flush();
          const after = toPlain(row);
          await req.ctx.audit({ action: `${o.resource}.updated`, targetType: o.resource, targetId: req.params.id, before, after }, em);
          await emit(em, 'updated', req, after);
          return after;
        }));
      },
    },
    {
      method: 'DELETE',
      url: `${o.path}/:id`,
      permission: o.permissions.write,
      scope: o.scope,
      tenantScoped,
      schema: { tags, summary: `Delete ${o.resource}`, params: idParams },
      async handler(req: FastifyRequest<{ Params: { id: string } }>) {
        return changed(await emFor(req).transactional(async (em) => {
          const row = await em.findOne(o.entity, { id: req.params.id } as FilterQuery<any>);
          if (!row) throw new ProblemError(404, 'not_found', `${o.resource} ${req.params.id} not found`);
          const before = toPlain(row);
          em.remove(row);
          await em.flush();
          await req.ctx.audit({ action: `${o.resource}.deleted`, targetType: o.resource, targetId: req.params.id, before }, em);
          await emit(em, 'deleted', req, before);
          return before;
        }));
      },
    },
  ];
}
