import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { normalizeSubject, type AuditSubjectKeys, type DataSubject } from '@platform/sdk/data-protection';
import { runSql } from '../db/orm.ts';
import { SecretBox } from '../secrets/secret-box.ts';

/** Who a sealed audit value is about: a person (`user_id`, `email`, `phone`) or, failing one, the tenant itself. */
export type AuditSubject = DataSubject | { kind: 'tenant'; value: string };

/** A live data key: its row id (written next to every value it seals) and the 32 key bytes. */
export interface SubjectKey {
  id: string;
  key: Buffer;
}

const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/**
 * The per-subject data keys of the audit trail (table `audit_subject_keys`): created on first use, wrapped by the
 * platform key (AES-256-GCM, as the kernel's other secrets), destroyed for crypto-shredding. Subjects are stored only as
 * an HMAC under a key derived from the platform key.
 */
export class AuditSubjectKeyStore implements AuditSubjectKeys {
  private readonly wrap: SecretBox;
  private readonly hashKey: Buffer;

  constructor(
    private readonly orm: MikroORM,
    platformKey: Buffer,
  ) {
    this.wrap = new SecretBox(platformKey);
    this.hashKey = Buffer.from(hkdfSync('sha256', platformKey, Buffer.alloc(0), 'platform audit subject hash v1', 32));
  }

  hashOf(subject: AuditSubject): string {
    const s = subject.kind === 'tenant' ? subject : normalizeSubject(subject);
    return createHmac('sha256', this.hashKey).update(`${s.kind}:${s.value}`).digest('base64url');
  }

  /** The live key of `subject` for audit rows of `tenantId`, created when there is none; inside the caller's transaction when `em` is given. */
  async keyFor(subject: AuditSubject, tenantId: string | null, em?: EntityManager): Promise<SubjectKey> {
    const hash = this.hashOf(subject);
    const conn = em ?? this.orm.em.fork();
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = randomBytes(32);
      const rows = await runSql<{ id: string; wrapped_key: string }>(
        conn,
        `WITH created AS (
           INSERT INTO audit_subject_keys (id, subject_hash, scope_tenant, wrapped_key) VALUES ($1, $2, $3, $4)
           ON CONFLICT (subject_hash, coalesce(scope_tenant, '${NO_TENANT}'::uuid)) WHERE destroyed_at IS NULL DO NOTHING
           RETURNING id, wrapped_key)
         SELECT id, wrapped_key FROM created
         UNION ALL
         SELECT id, wrapped_key FROM audit_subject_keys
         WHERE subject_hash = $2 AND coalesce(scope_tenant, '${NO_TENANT}'::uuid) = coalesce($3::uuid, '${NO_TENANT}'::uuid) AND destroyed_at IS NULL
         LIMIT 1`,
        [randomUUID(), hash, tenantId, this.wrap.encrypt(fresh.toString('base64'))],
      );
      // Empty only when a concurrent transaction created the key after this statement's snapshot: read again.
      if (rows[0]) return { id: rows[0].id, key: Buffer.from(this.wrap.decrypt(rows[0].wrapped_key), 'base64') };
    }
    throw new Error('could not create or read an audit subject key');
  }

  /** The keys of these ids that still exist; a destroyed or unknown id is absent from the map. */
  async load(ids: string[], em?: EntityManager): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    if (!ids.length) return keys;
    const rows = await runSql<{ id: string; wrapped_key: string }>(
      em ?? this.orm.em.fork(),
      'SELECT id, wrapped_key FROM audit_subject_keys WHERE id = ANY($1::uuid[]) AND wrapped_key IS NOT NULL',
      [[...new Set(ids)]],
    );
    for (const r of rows) keys.set(r.id, Buffer.from(this.wrap.decrypt(r.wrapped_key), 'base64'));
    return keys;
  }

  private scoped(subjects: AuditSubject[], tenantId: string | null | undefined): { sql: string; params: unknown[] } {
    const params: unknown[] = [subjects.map((s) => this.hashOf(s))];
    let sql = 'subject_hash = ANY($1::text[]) AND destroyed_at IS NULL';
    if (tenantId === null) sql += ' AND scope_tenant IS NULL';
    else if (tenantId !== undefined) {
      params.push(tenantId);
      sql += ' AND scope_tenant = $2';
    }
    return { sql, params };
  }

  async destroy(subjects: DataSubject[], options: { tenantId?: string | null; em?: EntityManager } = {}): Promise<number> {
    if (!subjects.length) return 0;
    const where = this.scoped(subjects, options.tenantId);
    const rows = await runSql<{ id: string }>(options.em ?? this.orm.em.fork(), `UPDATE audit_subject_keys SET wrapped_key = NULL, destroyed_at = now() WHERE ${where.sql} RETURNING id`, where.params);
    return rows.length;
  }

  async destroyTenant(tenantId: string, options: { em?: EntityManager } = {}): Promise<number> {
    const rows = await runSql<{ id: string }>(
      options.em ?? this.orm.em.fork(),
      'UPDATE audit_subject_keys SET wrapped_key = NULL, destroyed_at = now() WHERE scope_tenant = $1 AND destroyed_at IS NULL RETURNING id',
      [tenantId],
    );
    return rows.length;
  }

  async count(subjects: DataSubject[], options: { tenantId?: string | null; em?: EntityManager } = {}): Promise<number> {
    if (!subjects.length) return 0;
    const where = this.scoped(subjects, options.tenantId);
    const [{ n }] = await runSql<{ n: number }>(options.em ?? this.orm.em.fork(), `SELECT count(*)::int AS n FROM audit_subject_keys WHERE ${where.sql}`, where.params);
    return n;
  }
}
