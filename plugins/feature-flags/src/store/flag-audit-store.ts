import type { Database, EntityManager, FilterFields } from '@platform/sdk';
import type { ChangeAuthor } from '../model/change-author.ts';

/** One entry of the append-only `feature_flag_audit` trail. */
export interface FlagAuditEntry {
  id: string;
  at: string;
  flagKey: string;
  tenantId: string | null;
  action: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  requestId: string | null;
}

export interface FlagAuditInput {
  flagKey: string;
  tenantId?: string | null;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
  reason: string;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Appends inside `em`'s transaction, so the entry exists exactly when the change does. */
export async function appendFlagAudit(db: Database, em: EntityManager, entry: FlagAuditInput, by: ChangeAuthor): Promise<void> {
  await db.sql(
    `INSERT INTO feature_flag_audit (flag_key, tenant_id, action, old_value, new_value, reason, actor_type, actor_id, actor_label, request_id)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9, $10)`,
    [entry.flagKey, entry.tenantId ?? null, entry.action, json(entry.oldValue), json(entry.newValue), entry.reason, by.actorType, by.actorId, by.actorLabel, by.requestId],
    em,
  );
}

export interface FlagAuditQuery {
  flagKey?: string | string[];
  action?: string | string[];
  tenantId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  q?: string;
  /** Tenant users only see entries about their own tenant. */
  onlyTenant?: string;
}

/** Filters of the flag audit trail and the values each takes. */
export const AUDIT_FILTER_FIELDS: FilterFields = { flagKey: 'string', action: 'string', tenantId: 'uuid', actorId: 'string', from: 'date', to: 'date', q: 'string', id: 'bigint' };
export const AUDIT_SORT_FIELDS = ['at', 'id', 'flagKey', 'action'];

function auditEntryOf(row: Record<string, any>): FlagAuditEntry {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    flagKey: row.flag_key,
    tenantId: row.tenant_id ?? null,
    action: row.action,
    oldValue: row.old_value ?? null,
    newValue: row.new_value ?? null,
    reason: row.reason,
    actorType: row.actor_type,
    actorId: row.actor_id ?? null,
    actorLabel: row.actor_label ?? null,
    requestId: row.request_id ?? null,
  };
}

export async function listFlagAudit(
  db: Database,
  query: FlagAuditQuery,
  page: { sort?: { field: string; order: 'ASC' | 'DESC' } | null; offset: number; limit: number },
): Promise<{ rows: FlagAuditEntry[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
  if (query.flagKey !== undefined) add((n) => `flag_key = ANY(${n}::text[])`, list(query.flagKey));
  if (query.action !== undefined) add((n) => `action = ANY(${n}::text[])`, list(query.action));
  if (query.tenantId) add((n) => `tenant_id::text = ${n}`, query.tenantId);
  if (query.onlyTenant) add((n) => `tenant_id::text = ${n}`, query.onlyTenant);
  if (query.actorId) add((n) => `actor_id = ${n}`, query.actorId);
  if (query.from) add((n) => `at >= ${n}::timestamptz`, query.from);
  if (query.to) add((n) => `at < ${n}::timestamptz`, query.to);
  if (query.q) add((n) => `(flag_key ILIKE ${n} OR reason ILIKE ${n} OR actor_label ILIKE ${n})`, `%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const column = page.sort?.field === 'flagKey' ? 'flag_key' : page.sort?.field === 'action' ? 'action' : page.sort?.field === 'id' ? 'id' : 'at';
  const order = page.sort ? `${column} ${page.sort.order}, id ${page.sort.order}` : 'at DESC, id DESC';
  const whereSql = where.join(' AND ');
  const [rows, count] = await Promise.all([
    db.sql(`SELECT * FROM feature_flag_audit WHERE ${whereSql} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`, params),
    db.sql<{ n: string }>(`SELECT count(*) AS n FROM feature_flag_audit WHERE ${whereSql}`, params),
  ]);
  return { rows: rows.map(auditEntryOf), total: Number(count[0]?.n ?? 0) };
}
