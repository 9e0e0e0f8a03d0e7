import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { AlertActions } from '../actions/alert-actions.ts';
import { readAlertViews } from './alert-views.ts';
import { ListQuerystring, parseListParams, setContentRange, sqlEquals } from '@platform/sdk';
import { listSilences } from '../silences/silence-store.ts';

const SORTS: Record<string, string> = { stateSince: 'i.state_since', firingSince: 'i.firing_since', severity: 'r.severity', ruleName: 'r.name', state: 'i.state', value: 'i.value' };
const OPEN_STATES = ['pending', 'firing', 'no_data', 'error'];

/** Current alerts (everything not normal), one alert's detail, acknowledge and resolve. */
export function addAlertRoutes(ctx: PluginContext, actions: AlertActions, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/active',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Alerts that are pending, firing, without data, in error or recently resolved; filter state, severity, ruleId, tenantId, open', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: Object.keys(SORTS), filter: { state: 'string', severity: 'string', ruleId: 'uuid', tenantId: 'uuid', open: 'boolean', id: 'uuid' } });
      const params: unknown[] = [];
      const where: string[] = ['true'];
      const f = q.filter;
      if (f.state !== undefined) where.push(sqlEquals(params, 'i.state', f.state));
      if (f.severity !== undefined) where.push(sqlEquals(params, 'r.severity', f.severity));
      if (f.ruleId !== undefined) where.push(sqlEquals(params, 'i.rule_id', f.ruleId, 'uuid'));
      if (f.tenantId !== undefined) where.push(sqlEquals(params, 'i.tenant_id', f.tenantId, 'uuid'));
      if (f.id !== undefined) where.push(sqlEquals(params, 'i.id', f.id, 'uuid'));
      if (f.open === true) where.push(sqlEquals(params, 'i.state', OPEN_STATES));
      const whereSql = where.join(' AND ');
      const [{ n }] = await ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM alerts_instances i JOIN alerts_rules r ON r.id = i.rule_id WHERE ${whereSql}`, [...params]);
      const order = q.sort ? `${SORTS[q.sort.field]} ${q.sort.order}` : `CASE i.state WHEN 'firing' THEN 0 WHEN 'error' THEN 1 WHEN 'no_data' THEN 2 WHEN 'pending' THEN 3 ELSE 4 END, i.state_since DESC`;
      const rows = await readAlertViews(ctx.db, clock(), whereSql, params, `ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`);
      setContentRange(reply, 'active', q.offset, rows.length, n);
      return rows;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/active/:id',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'One alert with its acknowledgements, recent history and deliveries', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const [alert] = await readAlertViews(ctx.db, clock(), 'i.id = $1', [req.params.id]);
      if (!alert) throw new ProblemError(404, 'not_found', `alert ${req.params.id} not found`);
      const history = await ctx.db.sql(`SELECT id, at, from_state AS "fromState", to_state AS "toState", event, value, actor, comment FROM alerts_history WHERE instance_id = $1 ORDER BY at DESC, id DESC LIMIT 50`, [alert.id]);
      const deliveries = await ctx.db.sql(
        `SELECT id, channel, kind, status, attempts, last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt", next_attempt_at AS "nextAttemptAt"
         FROM alerts_deliveries WHERE instance_id = $1 ORDER BY seq DESC LIMIT 50`,
        [alert.id],
      );
      return { ...alert, silences: await listSilences(ctx.db, alert.id), history, deliveries };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/active/:id/acknowledge',
    permission: 'alerts.acknowledge',
    tenantScoped: false,
    schema: {
      summary: 'Acknowledge a firing alert: a silence with your name, a comment and an expiry (default 1 h) that stops repeat notifications',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000 }), expiresInMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { comment: string; expiresInMinutes?: number } }>, reply: PlatformReply) {
      const silence = await actions.acknowledge(req.params.id, req.ctx, req.body);
      reply.status(201);
      return { ...silence, startsAt: new Date(silence.startsAt).toISOString(), expiresAt: new Date(silence.expiresAt).toISOString(), endedAt: null };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/active/:id/resolve',
    permission: 'alerts.acknowledge',
    tenantScoped: false,
    schema: {
      summary: 'Resolve an alert by hand (a resolve notification goes out; a breach that goes on fires it again)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { comment?: string } }>) {
      await actions.resolve(req.params.id, req.ctx, req.body ?? {});
      const [alert] = await readAlertViews(ctx.db, clock(), 'i.id = $1', [req.params.id]);
      return alert;
    },
  });
}
