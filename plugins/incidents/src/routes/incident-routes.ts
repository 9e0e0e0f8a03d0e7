import { ListQuerystring, parseListParams, ProblemError, setContentRange, sqlEquals, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { INCIDENT_SELECT, findIncident, incidentFromRow } from '../store/incident-store.ts';
import { listTimeline } from '../store/timeline-store.ts';
import { findPostmortem } from '../store/postmortem-store.ts';
import { listAlertLinks } from '../store/alert-link-store.ts';
import { postmortemComplete } from '../model/incident-lifecycle.ts';
import { severityLevel } from '../model/severity-levels.ts';
import { CreateIncidentInput, FromAlertInput, LinkAlertInput, PostmortemInput, StatusChangeInput, TimelineInput, UpdateIncidentInput } from '../model/incident-input.ts';
import type { CreateIncident, IncidentService, UpdateIncident } from '../service/incident-service.ts';

const SORTS: Record<string, string> = { startedAt: 'started_at', severity: 'severity', status: 'status', title: 'title', createdAt: 'created_at', resolvedAt: 'resolved_at' };
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Incidents: list with filters, detail (timeline, postmortem, linked alerts), create, from an alert, update, status, timeline, postmortem, links. */
export function addIncidentRoutes(ctx: PluginContext, service: IncidentService, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/incidents',
    permission: 'incidents.read',
    tenantScoped: false,
    schema: { summary: 'Incidents; filter severity, status, open, affectedSystem, tenantId, from, to, q', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: Object.keys(SORTS), filter: { severity: 'integer', status: 'string', open: 'boolean', affectedSystem: 'string', tenantId: 'uuid', from: 'date', to: 'date', q: 'string', id: 'uuid' } });
      const params: unknown[] = [];
      const where = ['true'];
      const f = q.filter;
      if (f.severity !== undefined) where.push(sqlEquals(params, 'severity', f.severity, 'int'));
      if (f.status !== undefined) where.push(sqlEquals(params, 'status', f.status));
      if (f.id !== undefined) where.push(sqlEquals(params, 'id', f.id, 'uuid'));
      if (f.open === true) where.push(`status <> 'resolved'`);
      if (typeof f.affectedSystem === 'string') where.push(`affected_systems ? ${(params.push(f.affectedSystem), `$${params.length}`)}`);
      if (typeof f.tenantId === 'string') where.push(`(affected_tenant_ids = '[]'::jsonb OR affected_tenant_ids ? ${(params.push(f.tenantId), `$${params.length}`)})`);
      if (typeof f.from === 'string') where.push(`started_at >= ${(params.push(f.from), `$${params.length}::timestamptz`)}`);
      if (typeof f.to === 'string') where.push(`started_at < ${(params.push(f.to), `$${params.length}::timestamptz`)}`);
      if (typeof f.q === 'string' && f.q) where.push(`(title ILIKE ${(params.push(`%${f.q}%`), `$${params.length}`)} OR description ILIKE $${params.length})`);
      const sql = where.join(' AND ');
      const [{ n }] = await ctx.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM incidents_incidents WHERE ${sql}`, params);
      const order = q.sort ? `${SORTS[q.sort.field]} ${q.sort.order}, id` : 'started_at DESC, id';
      const rows = await ctx.db.sql<Record<string, unknown>>(`${INCIDENT_SELECT} WHERE ${sql} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`, params);
      setContentRange(reply, 'incidents', q.offset, rows.length, n);
      const now = clock();
      return rows.map((r) => incidentFromRow(r, now));
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/incidents/:id',
    permission: 'incidents.read',
    tenantScoped: false,
    schema: { summary: 'One incident with its timeline, postmortem, linked alerts and severity definition', params: idParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const incident = await findIncident(ctx.db, req.params.id, clock());
      if (!incident) throw new ProblemError(404, 'not_found', `incident ${req.params.id} not found`);
      const postmortem = await findPostmortem(ctx.db, incident.id);
      const level = severityLevel(incident.severity);
      return {
        ...incident,
        severityLevel: level,
        postmortemRequired: level.postmortemRequired,
        postmortemComplete: postmortemComplete(postmortem),
        timeline: await listTimeline(ctx.db, incident.id),
        postmortem,
        alerts: await listAlertLinks(ctx.db, incident.id),
      };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/incidents',
    permission: 'incidents.create',
    tenantScoped: false,
    schema: { summary: 'Declare an incident (SEV1 needs incidents.create_sev1; a taken incidentKey is a 409 naming the existing incident)', body: CreateIncidentInput },
    async handler(req: PlatformRequest<{ Body: CreateIncident }>, reply: PlatformReply) {
      reply.status(201);
      return service.create(req.ctx, req.body);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/incidents/from-alert',
    permission: 'incidents.create',
    tenantScoped: false,
    schema: { summary: "Open an incident pre-filled from an alert (title, severity, affected system, description, link); the alert's firing episode dedupes it", body: FromAlertInput },
    async handler(req: PlatformRequest<{ Body: { alertId: string; severity?: 1 | 2 | 3 | 4; title?: string } }>, reply: PlatformReply) {
      const { incident, created } = await service.createFromAlert(req.ctx, req.body);
      reply.status(created ? 201 : 200);
      return { ...incident, created };
    },
  });

  ctx.routes.add({
    method: ['PATCH', 'PUT'],
    url: '/incidents/:id',
    permission: 'incidents.update',
    tenantScoped: false,
    schema: { summary: 'Change title, severity, affected systems or tenants, status page message and publication, description (status has its own route)', params: idParams, body: UpdateIncidentInput },
    handler: (req: PlatformRequest<{ Params: { id: string }; Body: UpdateIncident }>) => service.update(req.ctx, req.params.id, req.body),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/incidents/:id/status',
    permission: 'incidents.update',
    tenantScoped: false,
    schema: { summary: 'Move the status (investigating, identified, monitoring, resolved); SEV1-2 need a postmortem to resolve', params: idParams, body: StatusChangeInput },
    handler: (req: PlatformRequest<{ Params: { id: string }; Body: { status: 'investigating' | 'identified' | 'monitoring' | 'resolved'; message?: string } }>) => service.changeStatus(req.ctx, req.params.id, req.body),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/incidents/:id/timeline',
    permission: 'incidents.update',
    tenantScoped: false,
    schema: { summary: 'Append a timeline entry (entries are never edited: a correction is a new entry naming the one it corrects)', params: idParams, body: TimelineInput },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { message: string; entryType?: 'manual' | 'correction'; correctsEntryId?: string } }>, reply: PlatformReply) {
      const id = await service.addEntry(req.ctx, req.params.id, req.body);
      reply.status(201);
      return { id };
    },
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/incidents/:id/postmortem',
    permission: 'incidents.update',
    tenantScoped: false,
    schema: { summary: 'Write the postmortem: what happened, impact, root cause, lessons, action items (incidents.edit_postmortem or the creator)', params: idParams, body: PostmortemInput },
    handler: (req: PlatformRequest<{ Params: { id: string }; Body: Record<string, any> }>) => service.savePostmortem(req.ctx, req.params.id, req.body),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/incidents/:id/alerts',
    permission: 'incidents.update',
    tenantScoped: false,
    schema: { summary: 'Link an alert; its firing, acknowledgement and resolution then appear on the timeline', params: idParams, body: LinkAlertInput },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { alertId: string } }>) {
      return { linked: await service.linkAlert(req.ctx, req.params.id, req.body.alertId) };
    },
  });
}
