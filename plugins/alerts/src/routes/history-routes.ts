import { Type, type FilterFields, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { ListQuerystring, parseListParams, setContentRange, sqlEquals } from '@platform/sdk';

const COLUMNS = `id::text AS id, at, instance_id AS "alertId", rule_id AS "ruleId", rule_name AS "ruleName", severity, fingerprint, labels, tenant_id AS "tenantId",
  from_state AS "fromState", to_state AS "toState", event, value, threshold, actor, comment`;
const FILTERS: FilterFields = { ruleId: 'uuid', severity: 'string', event: 'string', tenantId: 'uuid', alertId: 'uuid', from: 'date', to: 'date', q: 'string' };

function historyWhere(filter: Record<string, unknown>): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = ['true'];
  if (filter.ruleId !== undefined) where.push(sqlEquals(params, 'rule_id', filter.ruleId, 'uuid'));
  if (filter.alertId !== undefined) where.push(sqlEquals(params, 'instance_id', filter.alertId, 'uuid'));
  if (filter.severity !== undefined) where.push(sqlEquals(params, 'severity', filter.severity));
  if (filter.event !== undefined) where.push(sqlEquals(params, 'event', filter.event));
  if (filter.tenantId !== undefined) where.push(sqlEquals(params, 'tenant_id', filter.tenantId, 'uuid'));
  if (typeof filter.from === 'string') where.push(`at >= ${(params.push(filter.from), `$${params.length}::timestamptz`)}`);
  if (typeof filter.to === 'string') where.push(`at < ${(params.push(filter.to), `$${params.length}::timestamptz`)}`);
  if (typeof filter.q === 'string' && filter.q) where.push(`(rule_name ILIKE ${(params.push(`%${filter.q}%`), `$${params.length}`)} OR labels::text ILIKE $${params.length})`);
  return { sql: where.join(' AND '), params };
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Alert history (every state change, acknowledgement and resolution) with filters, and its CSV export. */
export function addHistoryRoutes(ctx: PluginContext): void {
  ctx.routes.add({
    method: 'GET',
    url: '/history',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Alert history; filter ruleId, severity, event, tenantId, alertId, from, to, q', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: ['at', 'severity', 'ruleName'], filter: FILTERS });
      const { sql, params } = historyWhere(q.filter);
      const [{ n }] = await ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM alerts_history WHERE ${sql}`, params);
      const order = q.sort ? `${q.sort.field === 'ruleName' ? 'rule_name' : q.sort.field} ${q.sort.order}, id DESC` : 'at DESC, id DESC';
      const rows = await ctx.db.sql(`SELECT ${COLUMNS} FROM alerts_history WHERE ${sql} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`, params);
      setContentRange(reply, 'history', q.offset, rows.length, n);
      return rows;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/history.csv',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Alert history as CSV (same filters, at most 50,000 rows)', querystring: Type.Object({ filter: Type.Optional(Type.String()) }) },
    async handler(req: PlatformRequest<{ Querystring: { filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams({ filter: req.query.filter }, { sort: [], filter: FILTERS });
      const { sql, params } = historyWhere(q.filter);
      const rows = await ctx.db.sql<Record<string, unknown>>(`SELECT ${COLUMNS} FROM alerts_history WHERE ${sql} ORDER BY at DESC, id DESC LIMIT 50000`, params);
      const header = ['id', 'at', 'alertId', 'ruleId', 'ruleName', 'severity', 'fingerprint', 'labels', 'tenantId', 'fromState', 'toState', 'event', 'value', 'threshold', 'actor', 'comment'];
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="alert-history.csv"');
      return [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
    },
  });
}
