import type { Database, EventBus } from '@platform/sdk';
import type { StoredLine } from '../storage/log-rows.ts';
import type { LoggingMetrics } from '../metrics/logging-metrics.ts';

/** Tenant key of lines outside any tenant (platform jobs, boot). */
export const NO_TENANT = '00000000-0000-0000-0000-000000000000';

interface GroupDelta {
  fingerprint: string;
  errorType: string;
  normalizedMessage: string;
  sampleMessage: string;
  frame: string | null;
  service: string;
  tenantId: string | null;
  first: string;
  last: string;
  count: number;
}

interface Counted {
  first: string;
  last: string;
  count: number;
}

const hourOf = (iso: string) => `${iso.slice(0, 13)}:00:00.000Z`;
const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function bump(m: Map<string, Counted>, key: string, at: string): void {
  const c = m.get(key);
  if (!c) m.set(key, { first: at, last: at, count: 1 });
  else {
    c.count++;
    if (at < c.first) c.first = at;
    if (at > c.last) c.last = at;
  }
}

/** Per-batch tallies of error lines: groups, and per tenant, per user and per hour. Pure. */
export function tallyErrors(lines: StoredLine[]) {
  const groups = new Map<string, GroupDelta>();
  const tenants = new Map<string, Counted>();
  const users = new Map<string, Counted>();
  const hours = new Map<string, Counted>();
  for (const l of lines) {
    if (!l.fingerprint) continue;
    const e = l.entry;
    const at = e.timestamp;
    const g = groups.get(l.fingerprint);
    if (!g) {
      groups.set(l.fingerprint, {
        fingerprint: l.fingerprint, errorType: l.errorType ?? 'Error', normalizedMessage: l.normalizedMessage ?? '', sampleMessage: e.error?.message || e.message,
        frame: l.frame, service: e.service, tenantId: e.tenantId, first: at, last: at, count: 1,
      });
    } else {
      g.count++;
      if (at < g.first) g.first = at;
      if (at > g.last) {
        g.last = at;
        g.sampleMessage = e.error?.message || e.message;
      }
    }
    const tenant = e.tenantId ?? NO_TENANT;
    bump(tenants, `${l.fingerprint}\u0001${tenant}`, at);
    if (e.userId) bump(users, `${l.fingerprint}\u0001${tenant}\u0001${e.userId}`, at);
    bump(hours, `${l.fingerprint}\u0001${tenant}\u0001${hourOf(at)}`, at);
  }
  return { groups, tenants, users, hours };
}

export interface GroupChange {
  fingerprint: string;
  created: boolean;
  regressed: boolean;
  errorType: string;
  message: string;
  service: string;
  tenantId: string | null;
  count: number;
}

/**
 * Folds stored error lines into `logging_error_groups` and its per-tenant, per-user and per-hour tables with
 * one multi-row upsert each (keys sorted, so concurrent batches lock rows in the same order). A group that
 * was resolved and shows up again is reopened and flagged as a regression.
 */
export class ErrorAggregator {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly metrics: LoggingMetrics,
  ) {}

  async record(lines: StoredLine[]): Promise<GroupChange[]> {
    const t = tallyErrors(lines);
    if (!t.groups.size) return [];
    const groups = sorted(t.groups).map(([, g]) => g);
    const changes = await this.db.sql<{ fingerprint: string; created: boolean; regressed: boolean; count: string }>(
      `INSERT INTO logging_error_groups AS g (fingerprint, error_type, normalized_message, sample_message, top_frame, service, first_seen, last_seen, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::bigint[])
       ON CONFLICT (fingerprint) DO UPDATE SET
         last_seen = GREATEST(g.last_seen, EXCLUDED.last_seen),
         count = g.count + EXCLUDED.count,
         sample_message = EXCLUDED.sample_message,
         regression = g.regression OR (g.status = 'resolved' AND EXCLUDED.last_seen > g.resolved_at),
         regressed_at = CASE WHEN g.status = 'resolved' AND EXCLUDED.last_seen > g.resolved_at THEN now() ELSE g.regressed_at END,
         status = CASE WHEN g.status = 'resolved' AND EXCLUDED.last_seen > g.resolved_at THEN 'unresolved' ELSE g.status END,
         updated_at = now()
       RETURNING fingerprint, (xmax = 0) AS created, (regressed_at IS NOT NULL AND regressed_at = now()) AS regressed, count`,
      [
        groups.map((g) => g.fingerprint), groups.map((g) => g.errorType), groups.map((g) => g.normalizedMessage), groups.map((g) => g.sampleMessage),
        groups.map((g) => g.frame), groups.map((g) => g.service), groups.map((g) => g.first), groups.map((g) => g.last), groups.map((g) => g.count),
      ],
    );
    const split = (m: Map<string, Counted>) => sorted(m).map(([k, c]) => ({ parts: k.split('\u0001'), ...c }));
    const tenants = split(t.tenants);
    const users = split(t.users);
    const hours = split(t.hours);
    await Promise.all([
      this.db.sql(
        `INSERT INTO logging_error_group_tenants AS t (fingerprint, tenant_id, first_seen, last_seen, count)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::bigint[])
         ON CONFLICT (fingerprint, tenant_id) DO UPDATE SET last_seen = GREATEST(t.last_seen, EXCLUDED.last_seen), count = t.count + EXCLUDED.count`,
        [tenants.map((r) => r.parts[0]), tenants.map((r) => r.parts[1]), tenants.map((r) => r.first), tenants.map((r) => r.last), tenants.map((r) => r.count)],
      ),
      users.length
        ? this.db.sql(
            `INSERT INTO logging_error_group_users AS u (fingerprint, tenant_id, user_id, last_seen, count)
             SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[], $5::bigint[])
             ON CONFLICT (fingerprint, tenant_id, user_id) DO UPDATE SET last_seen = GREATEST(u.last_seen, EXCLUDED.last_seen), count = u.count + EXCLUDED.count`,
            [users.map((r) => r.parts[0]), users.map((r) => r.parts[1]), users.map((r) => r.parts[2]), users.map((r) => r.last), users.map((r) => r.count)],
          )
        : Promise.resolve(),
      this.db.sql(
        `INSERT INTO logging_error_group_hours AS h (fingerprint, tenant_id, hour, count)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::bigint[])
         ON CONFLICT (fingerprint, tenant_id, hour) DO UPDATE SET count = h.count + EXCLUDED.count`,
        [hours.map((r) => r.parts[0]), hours.map((r) => r.parts[1]), hours.map((r) => r.parts[2]), hours.map((r) => r.count)],
      ),
    ]);

    this.metrics.errorLinesGrouped += lines.length;
    const out: GroupChange[] = [];
    for (const c of changes) {
      const g = t.groups.get(c.fingerprint)!;
      const change: GroupChange = {
        fingerprint: c.fingerprint, created: c.created, regressed: c.regressed, errorType: g.errorType, message: g.sampleMessage, service: g.service, tenantId: g.tenantId, count: Number(c.count),
      };
      out.push(change);
      if (change.created) {
        this.metrics.errorGroupsCreated++;
        this.events.emit('logging.error_group_created', { fingerprint: change.fingerprint, errorType: change.errorType, message: change.message, service: change.service, tenantId: change.tenantId });
      }
      if (change.regressed) {
        this.metrics.errorGroupRegressions++;
        this.events.emit('logging.error_group_regressed', { fingerprint: change.fingerprint, errorType: change.errorType, message: change.message, service: change.service, tenantId: change.tenantId, count: change.count });
      }
    }
    return out;
  }
}
