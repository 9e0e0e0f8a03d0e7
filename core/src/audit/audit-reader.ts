import type { MikroORM } from '@mikro-orm/core';
import { ProblemError, type AuditEntry } from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import { revealAuditRows } from './audit-reveal.ts';
import type { AuditSubjectKeyStore } from './audit-subject-keys.ts';

interface AuditRow {
  id: string; at: Date; actor_type: string; actor_id: string | null; actor_label: string | null; tenant_id: string | null;
  action: string; target_type: string | null; target_id: string | null; before: unknown; after: unknown; reason: string | null; request_id: string | null;
}

/**
 * `ctx.audit.recent`: a tenant's newest audit entries, for plugins that show them (support snapshots), with personal
 * values opened as the audit API opens them (`[erased]` once their subject's key is destroyed).
 */
export function createAuditReader(orm: MikroORM, keys: AuditSubjectKeyStore) {
  return {
    async recent(query: { tenantId: string; limit?: number; before?: string }): Promise<AuditEntry[]> {
      const limit = Math.max(1, Math.min(200, Math.floor(query.limit ?? 20)));
      if (query.before !== undefined && !/^[0-9]{1,18}$/.test(query.before)) throw new ProblemError(400, 'invalid_cursor', 'before must be an audit entry id', { field: 'before' });
      const em = orm.em.fork();
      const page = query.before === undefined ? '' : 'AND id < $2::bigint';
      const params = query.before === undefined ? [query.tenantId] : [query.tenantId, query.before];
      const rows = await revealAuditRows(await runSql<AuditRow>(em, `SELECT * FROM audit WHERE tenant_id = $1 ${page} ORDER BY id DESC LIMIT ${limit}`, params), keys, em);
      return rows.map((r) => ({
        id: String(r.id), at: new Date(r.at).toISOString(), actorType: r.actor_type, actorId: r.actor_id, actorLabel: r.actor_label, tenantId: r.tenant_id,
        action: r.action, targetType: r.target_type, targetId: r.target_id, before: r.before, after: r.after, reason: r.reason, requestId: r.request_id,
      }));
    },
  };
}
