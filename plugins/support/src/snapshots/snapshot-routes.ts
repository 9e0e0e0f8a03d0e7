import { Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import { actorLabelOf, staffReaderOf } from '../tickets/ticket-access.ts';
import { TicketIdParams } from '../tickets/ticket-schemas.ts';
import { captureSnapshot } from './snapshot-capture.ts';
import type { SnapshotStore } from './snapshot-store.ts';
import { redactSecrets } from './secret-redaction.ts';

const tags = ['support'];

/** `POST /api/support/queue/:id/snapshots`: staff capture the ticket's tenant as it is now; stored redacted with the ticket. */
export function addSnapshotRoutes(ctx: PluginContext, tickets: TicketService, snapshots: SnapshotStore): void {
  ctx.routes.add({
    method: 'POST',
    url: '/queue/:id/snapshots',
    permission: SUPPORT_PERMISSIONS.snapshot,
    scope: 'platform',
    tenantScoped: false,
    schema: { tags, summary: "Take a debug snapshot of the ticket's tenant: health, recent errors with request ids, the reporter's flags, plan and usage, recent audit (secrets redacted)", params: TicketIdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>, reply: PlatformReply) {
      const ticket = await tickets.staffTicket(req.ctx, req.params.id);
      const raw = await captureSnapshot(ctx, { tenantId: ticket.tenantId, reporterUserId: ticket.reporterUserId });
      const { value: sections, count } = redactSecrets(raw);
      const snapshot = await staffReaderOf(req.ctx).transactional(async (em) => {
        const stored = await snapshots.insert(em, {
          ticketId: ticket.id,
          tenantId: ticket.tenantId,
          takenByUserId: req.ctx.actor?.type === 'user' ? req.ctx.actor.id : null,
          takenByLabel: actorLabelOf(req.ctx),
          sections,
          redactedCount: count,
          takenAt: tickets.clock(),
        });
        await req.ctx.audit({ action: 'support.snapshot.taken', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: ticket.id, after: { snapshotId: stored.id, redacted: count } }, em);
        return stored;
      });
      reply.status(201);
      return snapshot;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/queue/:id/snapshots',
    permission: SUPPORT_PERMISSIONS.queue,
    scope: 'platform',
    tenantScoped: false,
    schema: { tags, summary: "The ticket's snapshots, newest first", params: TicketIdParams, querystring: Type.Object({}) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const em = staffReaderOf(req.ctx);
      const ticket = await tickets.staffTicket(req.ctx, req.params.id, em);
      return snapshots.list(em, ticket.id);
    },
  });
}
