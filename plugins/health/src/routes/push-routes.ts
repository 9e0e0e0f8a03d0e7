import { problems, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { PushMonitorEntity, PushMonitorInput } from '../push/push-monitor-entity.ts';

const tags = ['health'];

/** Push monitors: CRUD for staff, and the public tokenized ping URL for cron jobs and backups. */
export function addPushRoutes(ctx: PluginContext, clock: () => number, onChange: () => void): void {
  ctx.crud({
    entity: PushMonitorEntity,
    path: '/push-monitors',
    resource: 'health.push_monitor',
    permissions: { read: 'health.read', write: 'health.manage' },
    createSchema: PushMonitorInput,
    tenantScoped: false,
    searchFields: ['name', 'description'],
    eventPrefix: 'health.push_monitor',
    beforeSave() {
      onChange();
    },
  });
  ctx.events.on('health.push_monitor.*', () => onChange());

  const ping = async (req: PlatformRequest<{ Params: { token: string }; Querystring: { status?: string; msg?: string } }>) => {
    const status = req.query.status === 'down' || req.query.status === 'fail' ? 'down' : 'up';
    const message = typeof req.query.msg === 'string' ? req.query.msg.slice(0, 500) : null;
    const rows = await ctx.db.sql<{ id: string }>(
      'UPDATE health_push_monitors SET last_ping_at = $4, last_ping_status = $2, last_ping_message = $3, updated_at = now() WHERE token = $1 RETURNING id',
      [req.params.token, status, message, new Date(clock())],
    );
    if (rows.length === 0) throw problems.notFound('Push monitor');
    return { ok: true, status };
  };
  const schema = {
    tags,
    summary: 'Heartbeat ping (no auth: the token is the secret). `?status=down&msg=...` reports a failure.',
    params: Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }),
    querystring: Type.Object({ status: Type.Optional(Type.String()), msg: Type.Optional(Type.String()) }),
  };
  ctx.routes.add({ method: 'GET', url: '/push/:token', public: true, tenantScoped: false, schema, handler: ping });
  ctx.routes.add({ method: 'POST', url: '/push/:token', public: true, tenantScoped: false, schema, handler: ping });
}
