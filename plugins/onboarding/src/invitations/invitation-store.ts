import type { Database, EntityManager } from '@platform/sdk';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface InvitationRow {
  id: string;
  tenant_id: string | null;
  email: string;
  name: string | null;
  role: string;
  kind: 'staff' | 'tenant';
  token_hash: string;
  status: InvitationStatus;
  expires_at: Date | string;
  invited_by: string | null;
  invited_by_name: string | null;
  send_count: number;
  last_sent_at: Date | string | null;
  last_send_error: string | null;
  accepted_at: Date | string | null;
  accepted_user_id: string | null;
  revoked_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What the API shows: never the token's hash; `expired` for a pending invitation past its date. */
export interface InvitationView {
  id: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: string;
  kind: 'staff' | 'tenant';
  status: InvitationStatus | 'expired';
  expiresAt: string;
  invitedBy: string | null;
  invitedByName: string | null;
  sendCount: number;
  lastSentAt: string | null;
  lastSendError: string | null;
  acceptedAt: string | null;
  acceptedUserId: string | null;
  revokedAt: string | null;
  createdAt: string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function invitationView(r: InvitationRow, now: number): InvitationView {
  const expired = r.status === 'pending' && new Date(r.expires_at).getTime() <= now;
  return {
    id: r.id,
    tenantId: r.tenant_id,
    email: r.email,
    name: r.name,
    role: r.role,
    kind: r.kind,
    status: expired ? 'expired' : r.status,
    expiresAt: iso(r.expires_at)!,
    invitedBy: r.invited_by,
    invitedByName: r.invited_by_name,
    sendCount: r.send_count,
    lastSentAt: iso(r.last_sent_at),
    lastSendError: r.last_send_error,
    acceptedAt: iso(r.accepted_at),
    acceptedUserId: r.accepted_user_id,
    revokedAt: iso(r.revoked_at),
    createdAt: iso(r.created_at)!,
  };
}

export interface InvitationFilter {
  /** null: every tenant and the platform's own (staff invitations). */
  tenantIds: readonly string[] | null;
  status?: InvitationView['status'];
  q?: string;
}

/** SQL over `onboarding_invitations`. Every read by id names the tenants the caller may see. */
export class InvitationStore {
  constructor(private readonly db: Database) {}

  private where(f: InvitationFilter, params: unknown[]): string {
    const clauses: string[] = [];
    if (f.tenantIds !== null) {
      params.push([...f.tenantIds]);
      clauses.push(`tenant_id = ANY($${params.length}::uuid[])`);
    }
    if (f.status === 'expired') clauses.push(`status = 'pending' AND expires_at <= now()`);
    else if (f.status === 'pending') clauses.push(`status = 'pending' AND expires_at > now()`);
    else if (f.status) {
      params.push(f.status);
      clauses.push(`status = $${params.length}`);
    }
    if (f.q) {
      params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      clauses.push(`(email ILIKE $${params.length} OR name ILIKE $${params.length})`);
    }
    return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  }

  async page(f: InvitationFilter, offset: number, limit: number): Promise<{ rows: InvitationRow[]; total: number }> {
    const params: unknown[] = [];
    const where = this.where(f, params);
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM onboarding_invitations ${where}`, params, this.db.system());
    const rows = await this.db.sql<InvitationRow>(
      `SELECT * FROM onboarding_invitations ${where} ORDER BY created_at DESC, id LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      params,
      this.db.system(),
    );
    return { rows, total: n };
  }

  async find(id: string, tenantIds: readonly string[] | null, em?: EntityManager, forUpdate = false): Promise<InvitationRow | null> {
    const params: unknown[] = [id];
    let sql = `SELECT * FROM onboarding_invitations WHERE id = $1`;
    if (tenantIds !== null) {
      params.push([...tenantIds]);
      sql += ` AND tenant_id = ANY($2::uuid[])`;
    }
    const [row] = await this.db.sql<InvitationRow>(sql + (forUpdate ? ' FOR UPDATE' : ''), params, em ?? this.db.system());
    return row ?? null;
  }

  async findByTokenHash(tokenHash: string, em?: EntityManager, forUpdate = false): Promise<InvitationRow | null> {
    const [row] = await this.db.sql<InvitationRow>(`SELECT * FROM onboarding_invitations WHERE token_hash = $1${forUpdate ? ' FOR UPDATE' : ''}`, [tokenHash], em ?? this.db.system());
    return row ?? null;
  }

  async findOpen(tenantId: string | null, email: string, em: EntityManager): Promise<InvitationRow | null> {
    const [row] = await this.db.sql<InvitationRow>(
      `SELECT * FROM onboarding_invitations WHERE status = 'pending' AND lower(email) = lower($2)
         AND COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = COALESCE($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid) FOR UPDATE`,
      [tenantId, email],
      em,
    );
    return row ?? null;
  }

  async insert(em: EntityManager, r: Pick<InvitationRow, 'id' | 'tenant_id' | 'email' | 'name' | 'role' | 'kind' | 'token_hash' | 'invited_by' | 'invited_by_name'> & { expires_at: Date }): Promise<InvitationRow> {
    const [row] = await this.db.sql<InvitationRow>(
      `INSERT INTO onboarding_invitations (id, tenant_id, email, name, role, kind, token_hash, expires_at, invited_by, invited_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [r.id, r.tenant_id, r.email, r.name, r.role, r.kind, r.token_hash, r.expires_at, r.invited_by, r.invited_by_name],
      em,
    );
    return row;
  }

  /** A new link (the old one stops working) and a new expiry date. */
  async renew(em: EntityManager, id: string, tokenHash: string, expiresAt: Date): Promise<InvitationRow> {
    const [row] = await this.db.sql<InvitationRow>(
      `UPDATE onboarding_invitations SET token_hash = $2, expires_at = $3, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, tokenHash, expiresAt],
      em,
    );
    return row;
  }

  async markSent(id: string, error: string | null): Promise<void> {
    await this.db.sql(
      `UPDATE onboarding_invitations SET send_count = send_count + 1, last_sent_at = now(), last_send_error = $2, updated_at = now() WHERE id = $1`,
      [id, error],
      this.db.system(),
    );
  }

  async markRevoked(em: EntityManager, id: string): Promise<InvitationRow> {
    const [row] = await this.db.sql<InvitationRow>(`UPDATE onboarding_invitations SET status = 'revoked', revoked_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id], em);
    return row;
  }

  async markAccepted(em: EntityManager, id: string, userId: string): Promise<InvitationRow> {
    const [row] = await this.db.sql<InvitationRow>(
      `UPDATE onboarding_invitations SET status = 'accepted', accepted_at = now(), accepted_user_id = $2, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, userId],
      em,
    );
    return row;
  }
}
