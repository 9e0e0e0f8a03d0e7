import type { Readable } from 'node:stream';
import { Type, type PlatformReply, type PlatformRequest, type PluginContext, type RequestContext, type EntityManager } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import { HARD_MAX_ATTACHMENT_BYTES } from '../support-settings.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import { staffReaderOf } from '../tickets/ticket-access.ts';
import type { TicketRecord } from '../tickets/ticket-store.ts';
import type { AttachmentService } from './attachment-service.ts';
import { attachmentDisposition } from './content-sniffing.ts';

const tags = ['support'];
const UploadQuery = Type.Object({ filename: Type.String({ minLength: 1, maxLength: 255, description: 'The file name; its extension must match the content' }) }, { additionalProperties: false });
const AttachmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

interface Side {
  prefix: '/tickets' | '/queue';
  permission: string;
  scope: 'tenant' | 'platform';
  kind: 'tenant' | 'staff';
  em(req: RequestContext): EntityManager;
  ticket(req: RequestContext, id: string, em: EntityManager): Promise<TicketRecord>;
}

/**
 * Upload (`POST …/:id/attachments?filename=x.png`, the file as the raw body, any Content-Type: it is ignored and
 * the type sniffed) and download (`GET …/:id/attachments/:attachmentId`, `Content-Disposition: attachment`),
 * on the tenant's side (`/tickets`) and staff's (`/queue`).
 */
export function addAttachmentRoutes(ctx: PluginContext, tickets: TicketService, attachments: AttachmentService): void {
  const sides: Side[] = [
    { prefix: '/tickets', permission: SUPPORT_PERMISSIONS.use, scope: 'tenant', kind: 'tenant', em: (req) => req.em, ticket: (req, id, em) => tickets.tenantTicket(req, id, em) },
    { prefix: '/queue', permission: SUPPORT_PERMISSIONS.queue, scope: 'platform', kind: 'staff', em: staffReaderOf, ticket: (req, id, em) => tickets.staffTicket(req, id, em) },
  ];
  for (const side of sides) {
    const route = { permission: side.permission, scope: side.scope, ...(side.scope === 'platform' ? { tenantScoped: false } : {}) };
    ctx.routes.add({
      ...route,
      method: 'POST',
      url: `${side.prefix}/:id/attachments`,
      // Streamed to storage as it arrives: never whole in memory, and no transaction is open while it uploads.
      streamBody: true,
      schema: { tags, summary: 'Attach a file (raw body, streamed; size limit from the settings; type sniffed from the content, a lying extension is refused with 415)', params: IdParams, querystring: UploadQuery },
      async handler(req: PlatformRequest<{ Params: { id: string }; Querystring: { filename: string }; Body: Readable | undefined }>, reply: PlatformReply) {
        const { maxAttachmentBytes } = await tickets.settings();
        const limit = Math.min(maxAttachmentBytes, HARD_MAX_ATTACHMENT_BYTES);
        const ticket = await side.ticket(req.ctx, req.params.id, side.em(req.ctx));
        const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
        const stored = await attachments.store(ticket, req.query.filename, req.body, limit, Number.isFinite(length) ? length : undefined);
        try {
          const attachment = await side.em(req.ctx).transactional(async (em) => attachments.record(req.ctx, em, await side.ticket(req.ctx, req.params.id, em), stored, side.kind));
          reply.status(201);
          return attachment;
        } catch (err) {
          await attachments.discard(stored);
          throw err;
        }
      },
    });
    ctx.routes.add({
      ...route,
      method: 'GET',
      url: `${side.prefix}/:id/attachments/:attachmentId`,
      schema: { tags, summary: 'Download an attachment (its sniffed Content-Type, Content-Disposition: attachment)', params: AttachmentParams },
      async handler(req: PlatformRequest<{ Params: { id: string; attachmentId: string } }>, reply: PlatformReply) {
        const em = side.em(req.ctx);
        const ticket = await side.ticket(req.ctx, req.params.id, em);
        const { attachment, body } = await attachments.open(em, ticket.id, req.params.attachmentId);
        reply
          .header('content-type', attachment.contentType)
          .header('content-length', String(attachment.size))
          .header('content-disposition', attachmentDisposition(attachment.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store');
        return reply.send(body);
      },
    });
  }
}
