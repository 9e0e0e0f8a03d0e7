import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { ListQuerystring, parseListParams, setContentRange, sqlEquals } from '@platform/sdk';
import { requeueDelivery } from '../delivery/delivery-store.ts';
import type { DeliveryDispatcher } from '../delivery/delivery-dispatcher.ts';
import { endSilence } from '../silences/silence-store.ts';
import { bumpGeneration } from '../evaluation/evaluator-generation.ts';

/** The delivery outbox with every attempt, manual retry of a failed delivery, ending an acknowledgement early. */
export function addDeliveryRoutes(ctx: PluginContext, dispatcher: DeliveryDispatcher, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/deliveries',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Notification deliveries with their attempts; filter status, channel, kind, alertId', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: ['createdAt'], filter: { status: 'string', channel: 'string', kind: 'string', alertId: 'uuid' } });
      const params: unknown[] = [];
      const where = ['true'];
      if (q.filter.status !== undefined) where.push(sqlEquals(params, 'd.status', q.filter.status));
      if (q.filter.channel !== undefined) where.push(sqlEquals(params, 'd.channel', q.filter.channel));
      if (q.filter.kind !== undefined) where.push(sqlEquals(params, 'd.kind', q.filter.kind));
      if (q.filter.alertId !== undefined) where.push(sqlEquals(params, 'd.instance_id', q.filter.alertId, 'uuid'));
      const sql = where.join(' AND ');
      const [{ n }] = await ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM alerts_deliveries d WHERE ${sql}`, params);
      const rows = await ctx.db.sql(
        `SELECT d.id, d.instance_id AS "alertId", d.fingerprint, d.channel, d.kind, d.status, d.attempts, d.last_error AS "lastError",
                d.next_attempt_at AS "nextAttemptAt", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt", d.payload->'rule'->>'name' AS "ruleName",
                COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'durationMs', a.duration_ms, 'ok', a.ok, 'status', a.status, 'detail', a.detail) ORDER BY a.attempt)
                          FROM alerts_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts_log
         FROM alerts_deliveries d WHERE ${sql} ORDER BY d.seq ${q.sort?.order === 'ASC' ? 'ASC' : 'DESC'} LIMIT ${q.limit} OFFSET ${q.offset}`,
        params,
      );
      setContentRange(reply, 'deliveries', q.offset, rows.length, n);
      return rows.map(({ attempts_log, ...r }: any) => ({ ...r, attemptLog: attempts_log }));
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/deliveries/:id/retry',
    permission: 'alerts.manage',
    tenantScoped: false,
    schema: { summary: 'Queue a failed delivery again with fresh attempts', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      if (!(await requeueDelivery(ctx.db, req.params.id, clock()))) throw new ProblemError(409, 'delivery_not_failed', 'Only a failed delivery can be retried');
      await req.ctx.audit({ action: 'alerts.delivery.retried', targetType: 'alerts.delivery', targetId: req.params.id });
      await dispatcher.runOnce();
      return { id: req.params.id, requeued: true };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/silences/:id/expire',
    permission: 'alerts.acknowledge',
    tenantScoped: false,
    schema: { summary: 'End an acknowledgement early (repeat notifications resume)', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const ended = await ctx.db.system().transactional(async (em) => {
        await bumpGeneration(ctx.db, em);
        const ok = await endSilence(ctx.db, em, req.params.id, clock());
        if (ok) await req.ctx.audit({ action: 'alerts.silence.expired', targetType: 'alerts.silence', targetId: req.params.id }, em);
        return ok;
      });
      if (!ended) throw new ProblemError(404, 'not_found', `active silence ${req.params.id} not found`);
      return { id: req.params.id, ended: true };
    },
  });
}
