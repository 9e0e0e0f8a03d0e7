import { ListQuerystring, setContentRange, type ListQuery, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import type { AttachmentService } from '../attachments/attachment-service.ts';
import type { SnapshotStore } from '../snapshots/snapshot-store.ts';
import type { TicketStore } from './ticket-store.ts';
import type { StaffChangeInput, TicketService } from './ticket-service.ts';
import { staffReaderOf } from './ticket-access.ts';
import { staffTicketList } from './ticket-list-query.ts';
import { requireText, StaffChangeBody, StaffReplyBody, TicketIdParams } from './ticket-schemas.ts';

const tags = ['support'];

/** `/api/support/queue`: staff's queue across tenants (platform routes: a tenant-bound caller gets 403 `platform_only`). */
export function addStaffTicketRoutes(ctx: PluginContext, service: TicketService, store: TicketStore, attachments: AttachmentService, snapshots: SnapshotStore): void {
  const common = { permission: SUPPORT_PERMISSIONS.queue, scope: 'platform' as const, tenantScoped: false };

  ctx.routes.add({
    ...common,
    method: 'GET',
    url: '/queue',
    schema: { tags, summary: 'Tickets of every tenant; filter tenantId, status, priority, category, assigneeUserId (id, me, none), breached, q', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: ListQuery }>, reply: PlatformReply) {
      const now = service.clock();
      const q = staffTicketList(req.query, req.ctx, now);
      const { rows, total } = await store.list(staffReaderOf(req.ctx), q.where, q.values, q.order, q.params.limit, q.params.offset, now);
      setContentRange(reply, 'queue', q.params.offset, rows.length, total);
      return rows;
    },
  });

  ctx.routes.add({
    ...common,
    method: 'GET',
    url: '/queue/:id',
    schema: { tags, summary: 'One ticket with its whole thread (internal notes included), attachments and snapshots', params: TicketIdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const em = staffReaderOf(req.ctx);
      const ticket = await service.staffTicket(req.ctx, req.params.id, em);
      return {
        ...ticket,
        messages: await service.messages(em, ticket.id, true),
        attachments: await attachments.list(em, ticket.id),
        snapshots: await snapshots.list(em, ticket.id),
      };
    },
  });

  ctx.routes.add({
    ...common,
    method: 'PATCH',
    url: '/queue/:id',
    schema: { tags, summary: 'Change status, priority (recomputes the SLA due times) or assignee', params: TicketIdParams, body: StaffChangeBody },
    handler: (req: PlatformRequest<{ Params: { id: string }; Body: StaffChangeInput }>) => service.staffChange(req.ctx, req.params.id, req.body),
  });

  ctx.routes.add({
    ...common,
    method: 'POST',
    url: '/queue/:id/replies',
    schema: { tags, summary: 'Reply to the tenant (meets the first-response timer) or add an internal note; optionally set the status', params: TicketIdParams, body: StaffReplyBody },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { body: string; internal?: boolean; status?: any } }>, reply: PlatformReply) {
      requireText('body', req.body.body);
      reply.status(201);
      return service.staffReply(req.ctx, req.params.id, req.body);
    },
  });

  ctx.routes.add({
    ...common,
    method: 'GET',
    url: '/agents',
    schema: { tags, summary: 'Staff users a ticket can be assigned to (they hold support.queue)' },
    async handler() {
      return (await ctx.users.listStaff({ permission: SUPPORT_PERMISSIONS.queue })).map((u) => ({ id: u.id, name: u.name, email: u.email }));
    },
  });
}
