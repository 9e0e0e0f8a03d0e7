import type { Database, EntityManager } from '@platform/sdk';
import { NO_TENANT } from './error-aggregator.ts';
import { sparkline } from './sparkline.ts';
import { LOG_SELECT_COLUMNS } from '../query/log-query-sql.ts';
import { rowToEntry, type LogRow, type StoredLogEntry } from '../query/log-row.ts';

export type ErrorGroupStatus = 'unresolved' | 'resolved' | 'ignored';
export const ERROR_GROUP_STATUSES: readonly ErrorGroupStatus[] = ['unresolved', 'resolved', 'ignored'];

export interface ErrorGroup {
  id: string;
  fingerprint: string;
  errorType: string;
  message: string;
  normalizedMessage: string;
  topFrame: string | null;
  service: string;
  status: ErrorGroupStatus;
  regression: boolean;
  regressedAt: string | null;
  resolvedAt: string | null;
  firstSeen: string;
  lastSeen: string;
  count: number;
  affectedTenants: number;
  affectedUsers: number;
  /** Lines per hour over the last 24 hours, oldest first. */
  sparkline: number[];
}

interface GroupRow {
  fingerprint: string;
  error_type: string;
  sample_message: string;
  normalized_message: string;
  top_frame: string | null;
  service: string;
  status: ErrorGroupStatus;
  regression: boolean;
  regressed_at: Date | null;
  resolved_at: Date | null;
  first_seen: Date;
  last_seen: Date;
  count: string;
  tenants: number;
  users: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const HOUR = 3600_000;

export interface GroupListOptions {
  /** Only groups seen in this tenant, with that tenant's counts; null for every tenant. */
  tenantId: string | null;
  status: ErrorGroupStatus | null;
  text: string | null;
  sort: 'lastSeen' | 'count' | 'firstSeen';
  offset: number;
  limit: number;
}

const SORT_SQL = { lastSeen: 'last_seen', count: 'count', firstSeen: 'first_seen' } as const;

/** Reads error groups; a tenant's view counts only that tenant's lines and never names other tenants. */
export class ErrorGroupStore {
  constructor(private readonly db: Database) {}

  private base(tenantId: string | null): { from: string; params: unknown[] } {
    if (tenantId === null) {
      return {
        from: `(SELECT g.fingerprint, g.error_type, g.sample_message, g.normalized_message, g.top_frame, g.service, g.status, g.regression, g.regressed_at, g.resolved_at,
                  g.first_seen, g.last_seen, g.count,
                  (SELECT count(*)::int FROM logging_error_group_tenants t WHERE t.fingerprint = g.fingerprint AND t.tenant_id <> '${NO_TENANT}') AS tenants,
                  (SELECT count(*)::int FROM logging_error_group_users u WHERE u.fingerprint = g.fingerprint) AS users
                FROM logging_error_groups g) x`,
        params: [],
      };
    }
    return {
      from: `(SELECT g.fingerprint, g.error_type, g.sample_message, g.normalized_message, g.top_frame, g.service, g.status, g.regression, g.regressed_at, g.resolved_at,
                t.first_seen, t.last_seen, t.count, 1 AS tenants,
                (SELECT count(*)::int FROM logging_error_group_users u WHERE u.fingerprint = g.fingerprint AND u.tenant_id = t.tenant_id) AS users
              FROM logging_error_group_tenants t JOIN logging_error_groups g ON g.fingerprint = t.fingerprint WHERE t.tenant_id = $1::uuid) x`,
      params: [tenantId],
    };
  }

  async list(o: GroupListOptions, now = new Date()): Promise<{ items: ErrorGroup[]; total: number }> {
    const { from, params } = this.base(o.tenantId);
    const where: string[] = [];
    const p = [...params];
    if (o.status) {
      p.push(o.status);
      where.push(`status = $${p.length}`);
    }
    if (o.text) {
      p.push(`%${o.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(sample_message ILIKE $${p.length} OR error_type ILIKE $${p.length} OR service ILIKE $${p.length})`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.sql<GroupRow>(`SELECT * FROM ${from} ${w} ORDER BY ${SORT_SQL[o.sort]} DESC, fingerprint LIMIT ${o.limit} OFFSET ${o.offset}`, p);
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} ${w}`, p);
    return { items: await this.withSparklines(rows, o.tenantId, now), total: n };
  }

  async get(fingerprint: string, tenantId: string | null, now = new Date()): Promise<ErrorGroup | null> {
    const { from, params } = this.base(tenantId);
    const rows = await this.db.sql<GroupRow>(`SELECT * FROM ${from} WHERE fingerprint = $${params.length + 1}`, [...params, fingerprint]);
    if (!rows.length) return null;
    return (await this.withSparklines(rows, tenantId, now))[0];
  }

  /** Lines per bucket (`hour` over 7 days, or `day` over 30) for one group. */
  async trend(fingerprint: string, tenantId: string | null, bucket: 'hour' | 'day', now = new Date()): Promise<{ bucket: string; buckets: { at: string; count: number }[] }> {
    const buckets = bucket === 'hour' ? 24 * 7 : 30;
    const ms = bucket === 'hour' ? HOUR : 24 * HOUR;
    const since = new Date(Math.floor(now.getTime() / ms) * ms - (buckets - 1) * ms);
    const rows = await this.db.sql<{ hour: Date; count: string }>(
      `SELECT hour, sum(count)::bigint AS count FROM logging_error_group_hours WHERE fingerprint = $1 AND hour >= $2 ${tenantId ? 'AND tenant_id = $3::uuid' : ''} GROUP BY hour`,
      tenantId ? [fingerprint, since, tenantId] : [fingerprint, since],
    );
    const counts = sparkline(rows.map((r) => ({ at: r.hour, count: Number(r.count) })), now, buckets, ms);
    return { bucket, buckets: counts.map((count, i) => ({ at: new Date(since.getTime() + i * ms).toISOString(), count })) };
  }

  /** The most affected tenants (staff view). */
  async tenants(fingerprint: string, limit = 20): Promise<{ tenantId: string | null; count: number; firstSeen: string; lastSeen: string }[]> {
    const rows = await this.db.sql<{ tenant_id: string; count: string; first_seen: Date; last_seen: Date }>(
      `SELECT tenant_id, count, first_seen, last_seen FROM logging_error_group_tenants WHERE fingerprint = $1 ORDER BY count DESC LIMIT ${limit}`,
      [fingerprint],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id === NO_TENANT ? null : r.tenant_id, count: Number(r.count), firstSeen: iso(r.first_seen)!, lastSeen: iso(r.last_seen)! }));
  }

  /** The latest lines of a group (error leaves, by fingerprint), within the error retention. */
  async samples(fingerprint: string, tenantId: string | null, since: Date, limit = 10): Promise<StoredLogEntry[]> {
    const rows = await this.db.sql<LogRow>(
      `SELECT ${LOG_SELECT_COLUMNS} FROM platform_logs WHERE level = 'error' AND fingerprint = $1 AND logged_at >= $2 ${tenantId ? 'AND tenant_id = $3::uuid' : ''}
        ORDER BY logged_at DESC LIMIT ${limit}`,
      tenantId ? [fingerprint, since, tenantId] : [fingerprint, since],
    );
    return rows.map(rowToEntry);
  }

  /** Changes a group's status (inside `em`'s transaction when given, so its audit entry commits with it). */
  async setStatus(fingerprint: string, status: ErrorGroupStatus, by: string | null, em?: EntityManager): Promise<boolean> {
    const rows = await this.db.sql(
      `UPDATE logging_error_groups SET status = $2, status_changed_by = $3, updated_at = now(),
         resolved_at = CASE WHEN $2 = 'resolved' THEN now() ELSE resolved_at END,
         regression = CASE WHEN $2 = 'unresolved' THEN regression ELSE false END
       WHERE fingerprint = $1 RETURNING fingerprint`,
      [fingerprint, status, by],
      em,
    );
    return rows.length > 0;
  }

  /** Lines per group in the last five minutes (cluster-wide, from the error leaves). */
  async recentRates(now = new Date()): Promise<{ fingerprint: string; errorType: string; message: string; status: string; lastFiveMinutes: number }[]> {
    const rows = await this.db.sql<{ fingerprint: string; error_type: string; sample_message: string; status: string; n: number }>(
      `SELECT r.fingerprint, g.error_type, g.sample_message, g.status, r.n FROM
         (SELECT fingerprint, count(*)::int AS n FROM platform_logs WHERE level = 'error' AND logged_at > $1 AND fingerprint IS NOT NULL GROUP BY fingerprint) r
         JOIN logging_error_groups g ON g.fingerprint = r.fingerprint ORDER BY r.n DESC LIMIT 200`,
      [new Date(now.getTime() - 5 * 60_000)],
    );
    return rows.map((r) => ({ fingerprint: r.fingerprint, errorType: r.error_type, message: r.sample_message, status: r.status, lastFiveMinutes: r.n }));
  }

  /** Hourly counts older than the error retention are no use to any chart. */
  async prune(olderThan: Date): Promise<void> {
    await this.db.sql('DELETE FROM logging_error_group_hours WHERE hour < $1', [olderThan]);
  }

  private async withSparklines(rows: GroupRow[], tenantId: string | null, now: Date): Promise<ErrorGroup[]> {
    if (!rows.length) return [];
    const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR);
    const points = await this.db.sql<{ fingerprint: string; hour: Date; count: string }>(
      `SELECT fingerprint, hour, sum(count)::bigint AS count FROM logging_error_group_hours WHERE fingerprint = ANY($1::text[]) AND hour >= $2 ${tenantId ? 'AND tenant_id = $3::uuid' : ''} GROUP BY fingerprint, hour`,
      tenantId ? [rows.map((r) => r.fingerprint), since, tenantId] : [rows.map((r) => r.fingerprint), since],
    );
    const byGroup = new Map<string, { at: Date; count: number }[]>();
    for (const p of points) {
      const list = byGroup.get(p.fingerprint) ?? [];
      list.push({ at: p.hour, count: Number(p.count) });
      byGroup.set(p.fingerprint, list);
    }
    return rows.map((r) => ({
      id: r.fingerprint,
      fingerprint: r.fingerprint,
      errorType: r.error_type,
      message: r.sample_message,
      normalizedMessage: r.normalized_message,
      topFrame: r.top_frame,
      service: r.service,
      status: r.status,
      regression: r.regression,
      regressedAt: iso(r.regressed_at),
      resolvedAt: iso(r.resolved_at),
      firstSeen: iso(r.first_seen)!,
      lastSeen: iso(r.last_seen)!,
      count: Number(r.count),
      affectedTenants: r.tenants,
      affectedUsers: r.users,
      sparkline: sparkline(byGroup.get(r.fingerprint) ?? [], now, 24, HOUR),
    }));
  }
}
