import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ProblemError, type Database, type EntityManager, type PluginContext, type RequestContext } from '@platform/sdk';
import { BLOB_STORE, BlobNotFoundError, type BlobStore } from '@platform/sdk/storage';
import { checkAttachment, filenameProblem } from './content-sniffing.ts';
import { readHead, UploadGuard, wholeUtf8Prefix } from './upload-guard.ts';

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

/** A file in the blob store, checked, not yet recorded as an attachment. */
export interface StoredAttachment {
  id: string;
  key: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

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
   * Checks the name and the sniffed type from the first bytes, then streams the file to the blob store through the
   * size limit, the hash and (for text) a check of every byte: the file is never whole in memory. Nothing is stored
   * for a refused file (a partly written blob is removed). Answers what `record` needs.
   */
  async store(ticket: { id: string; tenantId: string }, filename: string | undefined, body: Readable | undefined, maxBytes: number, declaredLength?: number): Promise<StoredAttachment> {
    const nameProblem = filenameProblem(filename ?? '');
    if (nameProblem) throw new ProblemError(400, 'validation_failed', nameProblem, { field: 'filename' });
    if (declaredLength !== undefined && declaredLength > maxBytes) throw new ProblemError(413, 'attachment_too_large', `The file has ${declaredLength} bytes; at most ${maxBytes} are accepted`, { field: 'file', extra: { maxBytes } });
    if (!body) throw new ProblemError(400, 'validation_failed', 'The request body (the file) is empty', { field: 'file' });
    const { head, ended, rest } = await readHead(body);
    if (head.length === 0) throw new ProblemError(400, 'validation_failed', 'The request body (the file) is empty', { field: 'file' });
    const verdict = checkAttachment(filename!, ended ? head : wholeUtf8Prefix(head));
    if (!verdict.ok) {
      body.resume();
      throw new ProblemError(415, verdict.code, verdict.detail, { field: verdict.field });
    }
    const id = randomUUID();
    const key = `support/${ticket.tenantId}/${ticket.id}/${id}`;
    const blobs = this.blobs();
    const guard = new UploadGuard(maxBytes, verdict.contentType === 'text/plain');
    const source = Readable.from(rest);
    source.on('error', (err) => guard.destroy(err));
    // Its error is read back from `guard.errored` below, whatever the store did with the stream.
    guard.on('error', () => undefined);
    source.pipe(guard);
    try {
      await blobs.put(key, guard, { contentType: verdict.contentType });
    } catch (err) {
      source.destroy();
      body.resume();
      await blobs.delete(key).catch(() => undefined);
      throw err instanceof ProblemError ? err : ((guard.errored as Error | null) ?? err);
    }
    if (guard.errored) {
      await blobs.delete(key).catch(() => undefined);
      throw guard.errored;
    }
    return { id, key, filename: filename!, contentType: verdict.contentType, size: guard.bytes, sha256: guard.sha256() };
  }

  /** Records a stored file as an attachment of the ticket in `em`'s transaction, audited. */
  async record(req: RequestContext, em: EntityManager, ticket: { id: string; tenantId: string }, file: StoredAttachment, kind: 'tenant' | 'staff'): Promise<AttachmentRecord> {
    const [row] = await this.db.sql(
      `INSERT INTO support_attachments (id, tenant_id, ticket_id, filename, content_type, size, sha256, blob_key, uploaded_by_user_id, uploaded_by_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [file.id, ticket.tenantId, ticket.id, file.filename, file.contentType, file.size, file.sha256, file.key, req.actor?.type === 'user' ? req.actor.id : null, kind],
      em,
    );
    await req.audit({ action: 'support.attachment.added', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: ticket.id, after: { attachmentId: file.id, contentType: file.contentType, size: file.size } }, em);
    return fromRow(row);
  }

  /** Removes a stored file whose row could not be written. */
  async discard(file: StoredAttachment): Promise<void> {
    await this.blobs().delete(file.key).catch(() => undefined);
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
