import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@platform/sdk';
import { ProblemError, type PluginContext } from '@platform/sdk';
import { AUDIT_SUBJECT_KEYS, DATA_DECLARATIONS, type AuditSubjectKeys, type DataDeclarationRegistry } from '@platform/sdk/data-protection';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { BLOB_STORE, pinnedBlobStore, type BlobStore } from '@platform/sdk/storage';
import { executeDeletion, previewDeletion, userIdsOf, type DeletionReport } from './deletion.ts';
import { writeExportZip } from './export-package.ts';
import { readSchemaColumns } from './schema-columns.ts';
import type { SubjectValues } from './subject-values.ts';

export const DEADLINE_DAYS = 30;
export const DOWNLOAD_DAYS = 7;
export const VERIFY_HOURS = 72;
const DAY = 86_400_000;

export interface GdprRequestRow {
  id: string;
  tenant_id: string;
  kind: 'export' | 'deletion' | 'both';
  about: 'person' | 'tenant';
  status: 'awaiting_verification' | 'verified' | 'completed' | 'rejected';
  subject_email: string | null;
  subject_name: string | null;
  subject_phone: string | null;
  requested_by: string | null;
  verify_email: string | null;
  verify_expires_at: Date | null;
  verified_at: Date | null;
  deadline_at: Date;
  download_expires_at: Date | null;
  downloaded_at: Date | null;
  export_blob_key: string | null;
  certificate_id: string | null;
  completed_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A request as the API shows it, with `overdue` when the 30-day deadline passed before completion. */
export function toApi(r: GdprRequestRow, now = new Date()) {
  const open = r.status === 'awaiting_verification' || r.status === 'verified';
  return {
    id: r.id, tenantId: r.tenant_id, kind: r.kind, about: r.about, status: r.status,
    subjectEmail: r.subject_email, subjectName: r.subject_name, subjectPhone: r.subject_phone,
    deadlineAt: iso(r.deadline_at), overdue: open && new Date(r.deadline_at).getTime() < now.getTime(),
    verifiedAt: iso(r.verified_at), completedAt: iso(r.completed_at), certificateId: r.certificate_id,
    exportReady: !!r.export_blob_key, downloadExpiresAt: iso(r.download_expires_at), downloadedAt: iso(r.downloaded_at),
    createdAt: iso(r.created_at),
  };
}

/** The GDPR request workflow: verification by emailed link, export packages, deletion with certificate. */
export class GdprRequests {
  constructor(private readonly ctx: PluginContext) {}

  private get declarations() {
    return this.ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS);
  }
  private get keys() {
    return this.ctx.resolve<AuditSubjectKeys>(AUDIT_SUBJECT_KEYS);
  }
  private get store() {
    return this.ctx.resolve<BlobStore>(BLOB_STORE);
  }
  private get sender() {
    return this.ctx.resolve<MessageSender>(MESSAGING_SERVICE);
  }

  async get(id: string, tenantId?: string | null): Promise<GdprRequestRow> {
    const [row] = await this.ctx.db.sql<GdprRequestRow>('SELECT * FROM gdpr_requests WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid)', [id, tenantId ?? null]);
    if (!row) throw new ProblemError(404, 'not_found', `GDPR request ${id} not found`);
    return row;
  }

  async list(filter: { tenantId?: string | null; status?: string | null; about?: string | null }): Promise<GdprRequestRow[]> {
    return this.ctx.db.sql<GdprRequestRow>(
      `SELECT * FROM gdpr_requests WHERE ($1::uuid IS NULL OR tenant_id = $1::uuid) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR about = $3)
       ORDER BY created_at DESC LIMIT 500`,
      [filter.tenantId ?? null, filter.status ?? null, filter.about ?? null],
    );
  }

  /** Records a request and emails the single-use verification link; nothing is kept when the email cannot be sent. */
  /**
   * Opens a request and emails its verification link. The row and `opened` (the caller's audit entry, written
   * through the transaction it is given) commit together; the email goes after the commit, and when it cannot be
   * sent the request is withdrawn again (row deleted, `withdrawn` audited in the same transaction) and a 503
   * names the field.
   */
  async create(
    input: { tenantId: string; kind: 'export' | 'deletion' | 'both'; about: 'person' | 'tenant'; email: string | null; name: string | null; phone: string | null; verifyEmail: string; requestedBy: string | null },
    em: EntityManager,
    audit: { opened(id: string, em: EntityManager): Promise<void>; withdrawn(id: string, reason: string, em: EntityManager): Promise<void> },
  ) {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await em.transactional(async (tx) => {
      await this.ctx.db.sql(
        `INSERT INTO gdpr_requests (id, tenant_id, kind, about, status, subject_email, subject_name, subject_phone, requested_by, verify_email, verify_token_hash, verify_expires_at, deadline_at)
         VALUES ($1, $2, $3, $4, 'awaiting_verification', $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, input.tenantId, input.kind, input.about, input.email?.toLowerCase() ?? null, input.name, input.phone, input.requestedBy, input.verifyEmail.toLowerCase(), hashToken(token), new Date(now + VERIFY_HOURS * 3_600_000), new Date(now + DEADLINE_DAYS * DAY)],
        tx,
      );
      await audit.opened(id, tx);
    });
    const link = `${this.ctx.kernel.baseUrl.replace(/\/$/, '')}/api/gdpr/verify/${token}`;
    const what = input.about === 'tenant' ? "an export of your organization's data" : input.kind === 'export' ? 'a copy of your personal data' : input.kind === 'deletion' ? 'the deletion of your personal data' : 'a copy and then the deletion of your personal data';
    try {
      await this.sender.send({
        channel: 'email',
        tenantId: input.tenantId,
        to: input.verifyEmail,
        subject: 'Confirm your data request',
        text: `We received a request for ${what}. To confirm it is you, open this link (it works once, for ${VERIFY_HOURS} hours):\n\n${link}\n\nIf you did not ask for this, ignore this email.`,
        purpose: 'transactional',
      } as any);
    } catch (err) {
      const reason = `The verification email could not be sent: ${(err as Error).message}`;
      await em.transactional(async (tx) => {
        await this.ctx.db.sql('DELETE FROM gdpr_requests WHERE id = $1', [id], tx);
        await audit.withdrawn(id, reason, tx);
      });
      throw new ProblemError(503, 'verification_not_sent', reason, { field: input.about === 'tenant' ? 'verifyEmail' : 'email' });
    }
    return this.get(id);
  }

  /** The request a verification link would confirm, while it can (awaiting, not expired); null otherwise. Reads only. */
  async pendingVerification(token: string): Promise<Pick<GdprRequestRow, 'id' | 'kind'> | null> {
    const [row] = await this.ctx.db.sql<Pick<GdprRequestRow, 'id' | 'kind'>>(
      `SELECT id, kind FROM gdpr_requests WHERE verify_token_hash = $1 AND status = 'awaiting_verification' AND verify_expires_at > now()`,
      [hashToken(token)],
    );
    return row ?? null;
  }

  /** Consumes a verification link (once, before it expires); an export is then produced at once. */
  async verify(token: string): Promise<GdprRequestRow> {
    const [row] = await this.ctx.db.sql<GdprRequestRow>(
      `UPDATE gdpr_requests SET status = 'verified', verified_at = now(), verify_token_hash = NULL, updated_at = now()
       WHERE verify_token_hash = $1 AND status = 'awaiting_verification' AND verify_expires_at > now() RETURNING *`,
      [hashToken(token)],
    );
    if (!row) throw new ProblemError(410, 'link_invalid', 'This verification link is invalid, expired or already used');
    if (row.kind === 'export') return this.produceExport(row);
    return row;
  }

  private async subjectValues(row: GdprRequestRow, em?: EntityManager): Promise<SubjectValues> {
    const emails = row.subject_email ? [row.subject_email] : [];
    return { emails, phones: row.subject_phone ? [row.subject_phone] : [], userIds: await userIdsOf(this.ctx.db, row.tenant_id, emails, em) };
  }

  /** Builds the package, stores it, and emails a download link that works once within 7 days. */
  async produceExport(row: GdprRequestRow): Promise<GdprRequestRow> {
    if (row.status !== 'verified') throw new ProblemError(409, 'not_verified', 'The request is not verified yet', { field: 'status' });
    const schema = await readSchemaColumns(this.ctx.db);
    const values = row.about === 'person' ? await this.subjectValues(row) : null;
    const key = `gdpr/${row.tenant_id}/${row.id}/export.zip`;
    // Streamed: rows read a page at a time into the zip, the zip into the blob store.
    // Pinned: the export's transaction may hold the embedded database's only connection while the zip is written.
    const store = await pinnedBlobStore(this.store);
    await writeExportZip({ db: this.ctx.db, declarations: this.declarations }, { requestId: row.id, tenantId: row.tenant_id, about: row.about, values, schema, now: new Date() }, (zip) =>
      store.put(key, zip, { contentType: 'application/zip' }).then(() => undefined),
    );
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + DOWNLOAD_DAYS * DAY);
    const done = row.kind === 'export';
    const [updated] = await this.ctx.db.sql<GdprRequestRow>(
      `UPDATE gdpr_requests SET export_blob_key = $2, download_token_hash = $3, download_expires_at = $4, downloaded_at = NULL,
         status = CASE WHEN $5 THEN 'completed' ELSE status END, completed_at = CASE WHEN $5 THEN now() ELSE completed_at END, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [row.id, key, hashToken(token), expires, done],
    );
    const link = `${this.ctx.kernel.baseUrl.replace(/\/$/, '')}/api/gdpr/downloads/${token}`;
    await this.sender
      .send({
        channel: 'email',
        tenantId: row.tenant_id,
        to: row.verify_email ?? row.subject_email!,
        subject: 'Your data export is ready',
        text: `Your data export is ready. Download it here (the link works once, until ${expires.toISOString().slice(0, 10)}):\n\n${link}`,
        purpose: 'transactional',
      } as any)
      .catch((err: Error) => this.ctx.logger.warn({ err, requestId: row.id }, 'export ready, notification failed'));
    return updated;
  }

  /** Streams an export once: the link is spent by the first download. */
  async download(token: string) {
    const [row] = await this.ctx.db.sql<GdprRequestRow>(
      `UPDATE gdpr_requests SET downloaded_at = now(), download_token_hash = NULL, updated_at = now()
       WHERE download_token_hash = $1 AND downloaded_at IS NULL AND download_expires_at > now() AND export_blob_key IS NOT NULL RETURNING *`,
      [hashToken(token)],
    );
    if (!row) throw new ProblemError(410, 'link_invalid', 'This download link is invalid, expired or already used');
    return { row, body: await this.store.get(row.export_blob_key!) };
  }

  async preview(row: GdprRequestRow): Promise<DeletionReport> {
    if (row.about !== 'person' || row.kind === 'export') throw new ProblemError(409, 'not_a_deletion', 'Only a deletion request has a deletion preview', { field: 'kind' });
    const schema = await readSchemaColumns(this.ctx.db);
    return previewDeletion({ db: this.ctx.db, declarations: this.declarations, keys: this.keys }, row.tenant_id, await this.subjectValues(row), schema);
  }

  /**
   * Executes a verified deletion (after the export for `both`): every declaration and the audit keys in one
   * transaction, with the certificate and the request's own erasure.
   */
  async executeDeletion(row: GdprRequestRow, operatorId: string | null, reason: string, audit: (entry: { action: string; tenantId: string; targetType: string; targetId: string; after: unknown; reason: string }, em: EntityManager) => Promise<void>) {
    if (row.about !== 'person' || row.kind === 'export') throw new ProblemError(409, 'not_a_deletion', 'This request is not a deletion', { field: 'kind' });
    if (row.status !== 'verified') throw new ProblemError(409, row.status === 'completed' ? 'already_completed' : 'not_verified', row.status === 'completed' ? 'The request is already completed' : "The person's identity is not verified yet", { field: 'status' });
    if (row.kind === 'both' && !row.export_blob_key) row = await this.produceExport(row);
    const schema = await readSchemaColumns(this.ctx.db);
    const certificateId = randomUUID();
    return this.ctx.db.system().transactional(async (em) => {
      const values = await this.subjectValues(row, em);
      const report = await executeDeletion({ db: this.ctx.db, declarations: this.declarations, keys: this.keys }, row.tenant_id, values, schema, em);
      const issuedAt = new Date();
      const body = {
        format: 'platform-gdpr-deletion-certificate/1',
        certificateId,
        requestId: row.id,
        tenantId: row.tenant_id,
        kind: row.kind,
        issuedAt: issuedAt.toISOString(),
        operator: { userId: operatorId },
        categories: report.categories,
        tables: report.tables.map(({ plugin, table, categories, outcome, rows, why }) => ({ plugin, table, categories, outcome, rows, why })),
        auditKeysDestroyed: report.auditKeys,
      };
      const sha256 = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      await this.ctx.db.sql('INSERT INTO gdpr_certificates (id, tenant_id, request_id, issued_at, operator_id, body, sha256) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)', [certificateId, row.tenant_id, row.id, issuedAt, operatorId, JSON.stringify(body), sha256], em);
      await this.ctx.db.sql(
        `UPDATE gdpr_requests SET status = 'completed', completed_at = now(), certificate_id = $2, subject_email = NULL, subject_name = NULL, subject_phone = NULL, verify_email = NULL, updated_at = now() WHERE id = $1`,
        [row.id, certificateId],
        em,
      );
      await audit({ action: 'gdpr.deletion_executed', tenantId: row.tenant_id, targetType: 'gdpr.request', targetId: row.id, after: { certificateId, tables: report.tables.length, auditKeysDestroyed: report.auditKeys }, reason }, em);
      return { certificateId, report };
    });
  }

  /** Closes an open request; `audit` is written in the same transaction. */
  async reject(row: GdprRequestRow, em: EntityManager, audit: (row: GdprRequestRow, em: EntityManager) => Promise<void>): Promise<GdprRequestRow> {
    if (row.status === 'completed' || row.status === 'rejected') throw new ProblemError(409, 'already_closed', `The request is already ${row.status}`, { field: 'status' });
    return em.transactional(async (tx) => {
      const [updated] = await this.ctx.db.sql<GdprRequestRow>(`UPDATE gdpr_requests SET status = 'rejected', verify_token_hash = NULL, completed_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [row.id], tx);
      await audit(updated, tx);
      return updated;
    });
  }

  async certificate(id: string, tenantId?: string | null) {
    const [row] = await this.ctx.db.sql<{ id: string; tenant_id: string; body: unknown; sha256: string; issued_at: Date }>('SELECT * FROM gdpr_certificates WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2::uuid)', [id, tenantId ?? null]);
    if (!row) throw new ProblemError(404, 'not_found', `certificate ${id} not found`);
    return row;
  }
}
