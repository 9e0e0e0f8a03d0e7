import { ListQuerystring, setContentRange, type ListQuery, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import type { AttachmentService } from '../attachments/attachment-service.ts';
import type { TicketStore } from './ticket-store.ts';
import type { TicketService } from './ticket-service.ts';
import { seesWholeTenant } from './ticket-access.ts';
import { tenantTicketList } from './ticket-list-query.ts';
import { NewTicketBody, requireText, TenantReplyBody, TicketIdParams } from './ticket-schemas.ts';

const tags = ['support'];

/**
 * `/api/support/tickets`: the tenant's side. Tenant members see the tickets they reported; tenant admins
 * (`support.tickets.tenant`) every ticket of their tenant. Internal staff notes are never returned here.
 */
export function addTenantTicketRoutes(ctx: PluginContext, service: TicketService, store: TicketStore, attachments: AttachmentService): void {
  ctx.routes.add({
    method: 'GET',
    url: '/tickets',
    permission: SUPPORT_PERMISSIONS.use,
    schema: { tags, summary: "The caller's tickets (a tenant admin: the whole tenant's); filter status, priority, category, q", querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: ListQuery }>, reply: PlatformReply) {
      const q = tenantTicketList(req.query, req.ctx, seesWholeTenant(req.ctx));
      const { rows, total } = await store.list(req.ctx.em, q.where, q.values, q.order, q.params.limit, q.params.offset, service.clock());
      setContentRange(reply, 'tickets', q.params.offset, rows.length, total);
      return rows;
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/tickets',
    permission: SUPPORT_PERMISSIONS.use,
    schema: { tags, summary: 'Open a ticket (the SLA timers of its priority start now; the reporter gets an auto-reply email)', body: NewTicketBody },
    async handler(req: PlatformRequest<{ Body: { subject: string; body: string; category: any; priority?: any } }>, reply: PlatformReply) {
      requireText('subject', req.body.subject);
      requireText('body', req.body.body);
      reply.status(201);
      return service.create(req.ctx, req.body);
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/tickets/:id',
    permission: SUPPORT_PERMISSIONS.use,
    schema: { tags, summary: 'One ticket with its public thread and attachments', params: TicketIdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const ticket = await service.tenantTicket(req.ctx, req.params.id);
      return { ...ticket, messages: await service.messages(req.ctx.em, ticket.id, false), attachments: await attachments.list(req.ctx.em, ticket.id) };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/tickets/:id/replies',
    permission: SUPPORT_PERMISSIONS.use,
    schema: { tags, summary: 'Reply to a ticket (a pending or solved ticket goes back to staff; a closed one refuses, 409)', params: TicketIdParams, body: TenantReplyBody },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { body: string } }>, reply: PlatformReply) {
      requireText('body', req.body.body);
      reply.status(201);
      return service.tenantReply(req.ctx, req.params.id, req.body.body);
    },
  });
}
