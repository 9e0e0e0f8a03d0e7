import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ProblemError, type Database, type EntityManager, type PluginContext, type RequestContext } from '@platform/sdk';
import { BLOB_STORE, BlobNotFoundError, type BlobStore } from '@platform/sdk/storage';
import { checkAttachment, filenameProblem } from './content-sniffing.ts';

export interface AttachmentRecord {
  id: string;
  ticketId: string;
  filename: string;
  /** What the bytes are (sniffed), not what the uploader said. */
  contentType: string;
  size: number;
  sha256: string;
  uploadedByKind: 'tenant' | 'staff';
  uploadedByUserId: string | null;
  createdAt: string;
}

const fromRow = (r: Record<string, any>): AttachmentRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  filename: r.filename,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  uploadedByKind: r.uploaded_by_kind,
  uploadedByUserId: r.uploaded_by_user_id,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Attachments: limits and sniffing, bytes in the blob store (BLOB_STORE of the storage plugin), rows in `support_attachments`. */
export class AttachmentService {
  constructor(
    private readonly ctx: PluginContext,
    private readonly db: Database,
  ) {}

  private blobs(): BlobStore {
    try {
      return this.ctx.resolve<BlobStore>(BLOB_STORE);
    } catch {
      throw new ProblemError(503, 'storage_unavailable', 'No blob storage is configured (the storage plugin provides it)');
    }
  }

  /**
   * Checks the name, size and sniffed type, stores the bytes, then records the row in `em`'s transaction.
   * A refused file stores nothing; a failed insert removes the stored bytes.
   */
  async upload(req: RequestContext, em: EntityManager, ticket: { id: string; tenantId: string }, filename: string | undefined, body: Buffer | undefined, maxBytes: number, kind: 'tenant' | 'staff'): Promise<AttachmentRecord> {
    const nameProblem = filenameProblem(filename ?? '');
    if (nameProblem) throw new ProblemError(400, 'validation_failed', nameProblem, { field: 'filename' });
    if (!body || body.length === 0) throw new ProblemError(400, 'validation_failed', 'The request body (the file) is empty', { field: 'file' });
    if (body.length > maxBytes) throw new ProblemError(413, 'attachment_too_large', `The file has ${body.length} bytes; at most ${maxBytes} are accepted`, { field: 'file', extra: { maxBytes } });
    const verdict = checkAttachment(filename!, body);
    if (!verdict.ok) throw new ProblemError(415, verdict.code, verdict.detail, { field: verdict.field });
    const id = randomUUID();
    const key = `support/${ticket.tenantId}/${ticket.id}/${id}`;
    const blobs = this.blobs();
    await blobs.put(key, body, { contentType: verdict.contentType });
    try {
      const [row] = await this.db.sql(
        `INSERT INTO support_attachments (id, tenant_id, ticket_id, filename, content_type, size, sha256, blob_key, uploaded_by_user_id, uploaded_by_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [id, ticket.tenantId, ticket.id, filename, verdict.contentType, body.length, createHash('sha256').update(body).digest('hex'), key, req.actor?.type === 'user' ? req.actor.id : null, kind],
        em,
      );
      await req.audit({ action: 'support.attachment.added', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: ticket.id, after: { attachmentId: id, contentType: verdict.contentType, size: body.length } }, em);
      return fromRow(row);
    } catch (err) {
      await blobs.delete(key).catch(() => undefined);
      throw err;
    }
  }

  async list(em: EntityManager, ticketId: string): Promise<AttachmentRecord[]> {
    return (await this.db.sql('SELECT * FROM support_attachments WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId], em)).map(fromRow);
  }

  /** The attachment of that ticket (404 otherwise) and a stream of its bytes. */
  async open(em: EntityManager, ticketId: string, attachmentId: string): Promise<{ attachment: AttachmentRecord; body: Readable }> {
    const [row] = await this.db.sql<Record<string, any>>('SELECT * FROM support_attachments WHERE id = $1 AND ticket_id = $2', [attachmentId, ticketId], em);
    if (!row) throw new ProblemError(404, 'not_found', `attachment ${attachmentId} not found`);
    try {
      return { attachment: fromRow(row), body: await this.blobs().get(row.blob_key) };
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw new ProblemError(410, 'attachment_gone', 'The file of this attachment is no longer in storage');
      throw err;
    }
  }
}
