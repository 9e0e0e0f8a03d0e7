import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { contentRange, parseListQuery, type FilterKind } from '../http/list-query.ts';
import { runSql } from '../db/orm.ts';
import type { KernelServices } from './kernel-services.ts';
import { revealAuditRows } from '../audit/audit-reveal.ts';

const tags = ['audit'];
const FILTERS = ['action', 'tenantId', 'actorId', 'actorType', 'targetType', 'targetId', 'requestId', 'from', 'to'];
const KINDS: Record<string, FilterKind> = { id: 'bigint', tenantId: 'uuid', from: 'date', to: 'date' };
const SORTABLE: Record<string, string> = { id: 'id', at: 'at', action: 'action' };
const COLUMNS: Record<string, string> = { action: 'action', tenantId: 'tenant_id', actorId: 'actor_id', actorType: 'actor_type', targetType: 'target_type', targetId: 'target_id', requestId: 'request_id' };

interface AuditRow {
  id: string; at: Date; actor_type: string; actor_id: string | null; actor_label: string | null; tenant_id: string | null;
  action: string; target_type: string | null; target_id: string | null; before: unknown; after: unknown; reason: string | null; request_id: string | null;
}

function toApi(r: AuditRow) {
  return {
    id: String(r.id), at: r.at, actorType: r.actor_type, actorId: r.actor_id, actorLabel: r.actor_label, tenantId: r.tenant_id,
    action: r.action, targetType: r.target_type, targetId: r.target_id, before: r.before, after: r.after, reason: r.reason, requestId: r.request_id,
  };
}

/** WHERE clause for audit filters; a tenant actor (or a selected tenant) only sees its own tenant's entries. */
function whereOf(req: FastifyRequest, filter: Record<string, unknown>): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'q') add(`(action ILIKE ? OR coalesce(actor_label,'') ILIKE $${params.length + 1} OR coalesce(reason,'') ILIKE $${params.length + 1} OR coalesce(target_id,'') ILIKE $${params.length + 1})`, `%${v}%`);
    else if (k === 'from' || k === 'to') {
      if (Number.isNaN(Date.parse(String(v)))) throw new ProblemError(400, 'validation_failed', `filter.${k} must be a date`, { field: `filter.${k}` });
      add(k === 'from' ? 'at >= ?' : 'at <= ?', new Date(String(v)));
    } else if (k === 'action' && typeof v === 'string' && v.endsWith('*')) add('action LIKE ?', v.slice(0, -1) + '%');
    else if (k === 'id') add('id = ANY(?::bigint[])', (Array.isArray(v) ? v : [v]).map(String));
    else if (Array.isArray(v)) add(`${COLUMNS[k]}::text = ANY(?::text[])`, v.map(String));
    else add(`${COLUMNS[k]}::text = ?`, String(v));
  }
  const actor = req.ctx.actor!;
  if (actor.kind === 'tenant') add('tenant_id = ?', actor.tenantId);
  else if (req.ctx.tenantId) add('tenant_id = ?', req.ctx.tenantId);
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', params };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s; // no spreadsheet formula injection
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const QS = Type.Object({ sort: Type.Optional(Type.String()), range: Type.Optional(Type.String()), filter: Type.Optional(Type.String()) });

  r.add({
    method: 'GET', url: '/audit', permission: 'audit.read', tenantScoped: false,
    schema: { tags, summary: 'Search the audit trail', querystring: QS },
    async handler(req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
      const q = parseListQuery(req.query, { sort: Object.keys(SORTABLE), filter: FILTERS, kinds: KINDS });
      const where = whereOf(req, q.filter);
      const em = s.orm.em.fork();
      const order = q.sort ? `${SORTABLE[q.sort.field]} ${q.sort.order}` : 'id DESC';
      const rows = await runSql<AuditRow>(em, `SELECT * FROM audit ${where.sql} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`, where.params);
      const [{ n }] = await runSql<{ n: number }>(em, `SELECT count(*)::int AS n FROM audit ${where.sql}`, where.params);
      reply.header('Content-Range', contentRange('audit', q.offset, rows.length, n));
      return (await revealAuditRows(rows, s.auditKeys, em)).map(toApi);
    },
  });

  r.add({
    method: 'GET', url: '/audit/export.csv', permission: 'audit.read', tenantScoped: false,
    schema: { tags, summary: 'Export the filtered audit trail as CSV (up to 100,000 rows)', querystring: Type.Object({ filter: Type.Optional(Type.String()), sort: Type.Optional(Type.String()) }) },
    async handler(req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
      const q = parseListQuery(req.query, { sort: Object.keys(SORTABLE), filter: FILTERS, kinds: KINDS });
      const where = whereOf(req, q.filter);
      const em = s.orm.em.fork();
      const rows = await revealAuditRows(await runSql<AuditRow>(em, `SELECT * FROM audit ${where.sql} ORDER BY id DESC LIMIT 100000`, where.params), s.auditKeys, em);
      const header = ['id', 'at', 'actorType', 'actorId', 'actorLabel', 'tenantId', 'action', 'targetType', 'targetId', 'reason', 'requestId', 'before', 'after'];
      const lines = [header.join(',')];
      for (const row of rows.map(toApi)) lines.push(header.map((h) => csvCell((row as Record<string, unknown>)[h])).join(','));
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
      return lines.join('\n') + '\n';
    },
  });
}
