import { randomUUID } from 'node:crypto';
import type { Database, EntityManager, FilterFields } from '@platform/sdk';
import type { FlagValue } from '../engine/index.ts';
import type { OverrideRecord, TenantScope } from '../model/override-record.ts';

const COLUMNS = 'id, tenant_id, flag_key, scope, user_id, value, variant, expires_at, reason, created_by, created_at, updated_at';

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export function overrideRecordOf(row: Record<string, any>, now = Date.now()): OverrideRecord {
  const expiresAt = iso(row.expires_at);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    flagKey: row.flag_key,
    scope: row.scope,
    userId: row.user_id ?? null,
    value: row.value,
    variant: row.variant ?? null,
    expiresAt,
    active: expiresAt === null || Date.parse(expiresAt) > now,
    reason: row.reason,
    createdBy: row.created_by ?? null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** `tenant_id = $n` for a one-tenant scope (every query here goes through this), nothing across tenants. */
function tenantCondition(scope: TenantScope, params: unknown[]): string {
  if ('allTenants' in scope) return 'TRUE';
  params.push(scope.tenantId);
  return `tenant_id = $${params.length}`;
}

export interface OverrideQuery {
  flagKey?: string | string[];
  scope?: 'tenant' | 'user';
  userId?: string;
  tenantId?: string | string[];
  /** Only active (true) or only expired (false) overrides. */
  active?: boolean;
  q?: string;
}

const SORTABLE: Record<string, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  expiresAt: 'expires_at',
  flagKey: 'flag_key',
  tenantId: 'tenant_id',
  userId: 'user_id',
  scope: 'scope',
};
export const OVERRIDE_SORT_FIELDS = Object.keys(SORTABLE);
/** Filters of the override list and the values each takes (`active` also as "true"/"false"). */
export const OVERRIDE_FILTER_FIELDS: FilterFields = { flagKey: 'string', scope: 'string', userId: 'string', tenantId: 'string', active: 'scalar', q: 'string', id: 'uuid' };

export async function listOverrides(
  db: Database,
  scope: TenantScope,
  query: OverrideQuery,
  page: { sort?: { field: string; order: 'ASC' | 'DESC' } | null; offset: number; limit: number },
): Promise<{ rows: OverrideRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = [tenantCondition(scope, params)];
  const anyOf = (column: string, value: string | string[]) => {
    params.push(Array.isArray(value) ? value : [value]);
    where.push(`${column} = ANY($${params.length}::text[])`);
  };
  if (query.flagKey !== undefined) anyOf('flag_key', query.flagKey);
  if (query.tenantId !== undefined) anyOf('tenant_id::text', query.tenantId);
  if (query.scope) {
    params.push(query.scope);
    where.push(`scope = $${params.length}`);
  }
  if (query.userId) {
    params.push(query.userId);
    where.push(`user_id = $${params.length}`);
  }
  if (query.active === true) where.push('(expires_at IS NULL OR expires_at > now())');
  if (query.active === false) where.push('expires_at <= now()');
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    where.push(`(flag_key ILIKE $${params.length} OR user_id ILIKE $${params.length} OR reason ILIKE $${params.length})`);
  }
  const sort = page.sort && SORTABLE[page.sort.field] ? `${SORTABLE[page.sort.field]} ${page.sort.order}` : 'created_at DESC';
  const whereSql = where.join(' AND ');
  const [rows, count] = await Promise.all([
    db.sql(`SELECT ${COLUMNS} FROM feature_flag_overrides WHERE ${whereSql} ORDER BY ${sort}, id LIMIT ${page.limit} OFFSET ${page.offset}`, params),
    db.sql<{ n: string }>(`SELECT count(*) AS n FROM feature_flag_overrides WHERE ${whereSql}`, params),
  ]);
  const now = Date.now();
  return { rows: rows.map((row) => overrideRecordOf(row, now)), total: Number(count[0]?.n ?? 0) };
}

export async function findOverride(db: Database, scope: TenantScope, id: string, em?: EntityManager, forUpdate = false): Promise<OverrideRecord | null> {
  const params: unknown[] = [id];
  const rows = await db.sql(
    `SELECT ${COLUMNS} FROM feature_flag_overrides WHERE id::text = $1 AND ${tenantCondition(scope, params)}${forUpdate ? ' FOR UPDATE' : ''}`,
    params,
    em,
  );
  return rows[0] ? overrideRecordOf(rows[0]) : null;
}

export interface OverrideDraft {
  tenantId: string;
  flagKey: string;
  scope: 'tenant' | 'user';
  userId: string | null;
  value: FlagValue;
  variant: string | null;
  expiresAt: Date | null;
}

export async function insertOverride(db: Database, em: EntityManager, draft: OverrideDraft, reason: string, createdBy: string | null): Promise<OverrideRecord> {
  const rows = await db.sql(
    `INSERT INTO feature_flag_overrides (id, tenant_id, flag_key, scope, user_id, value, variant, expires_at, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
     RETURNING ${COLUMNS}`,
    [randomUUID(), draft.tenantId, draft.flagKey, draft.scope, draft.userId, JSON.stringify(draft.value), draft.variant, draft.expiresAt, reason, createdBy],
    em,
  );
  return overrideRecordOf(rows[0]);
}

export async function updateOverride(
  db: Database,
  em: EntityManager,
  id: string,
  change: { value: FlagValue; variant: string | null; expiresAt: Date | null },
  reason: string,
): Promise<OverrideRecord> {
  const rows = await db.sql(
    `UPDATE feature_flag_overrides SET value = $2::jsonb, variant = $3, expires_at = $4, reason = $5, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, JSON.stringify(change.value), change.variant, change.expiresAt, reason],
    em,
  );
  return overrideRecordOf(rows[0]);
}

export async function deleteOverride(db: Database, em: EntityManager, id: string): Promise<void> {
  await db.sql('DELETE FROM feature_flag_overrides WHERE id = $1', [id], em);
}

/** Overrides that still apply, for the in-process snapshot. */
export async function liveOverrides(db: Database, em?: EntityManager): Promise<OverrideRecord[]> {
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flag_overrides WHERE expires_at IS NULL OR expires_at > now()`, [], em);
  const now = Date.now();
  return rows.map((row) => overrideRecordOf(row, now));
}

/** Deletes overrides whose expiry has passed and returns them (the expiry job audits each). */
export async function deleteExpiredOverrides(db: Database, em: EntityManager): Promise<OverrideRecord[]> {
  const rows = await db.sql(`DELETE FROM feature_flag_overrides WHERE expires_at <= now() RETURNING ${COLUMNS}`, [], em);
  return rows.map((row) => overrideRecordOf(row, Date.now()));
}
