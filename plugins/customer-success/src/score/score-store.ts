import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { HealthBucket, SignalLine } from './health-scoring.ts';

export interface ScoreSnapshot {
  tenantId: string;
  day: string;
  computedAt: string;
  total: number;
  bucket: HealthBucket;
  breakdown: SignalLine[];
  facts: Record<string, string>;
}

/** A tenant's latest snapshot with its name and the totals 7 and 30 days before it. */
export interface ScoreRow extends ScoreSnapshot {
  tenantName: string;
  tenantSlug: string;
  total7: number | null;
  total30: number | null;
}

interface RawRow {
  tenant_id: string;
  day: string;
  computed_at: Date;
  total: number;
  bucket: HealthBucket;
  breakdown: SignalLine[];
  facts: Record<string, string>;
  total7?: number | null;
  total30?: number | null;
}

const toSnapshot = (r: RawRow): ScoreSnapshot => ({
  tenantId: r.tenant_id,
  day: typeof r.day === 'string' ? r.day : new Date(r.day).toISOString().slice(0, 10),
  computedAt: new Date(r.computed_at).toISOString(),
  total: r.total,
  bucket: r.bucket,
  breakdown: r.breakdown,
  facts: r.facts ?? {},
});

/** `customer_success_scores`: one snapshot per tenant and day. */
export class ScoreStore {
  constructor(private readonly db: Database) {}

  /** Writes (or replaces) the day's snapshot of a tenant. */
  async save(em: EntityManager, s: ScoreSnapshot): Promise<void> {
    await this.db.sql(
      `INSERT INTO customer_success_scores (id, tenant_id, day, computed_at, total, bucket, breakdown, facts)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7::jsonb, $8::jsonb)
       ON CONFLICT (tenant_id, day) DO UPDATE SET computed_at = EXCLUDED.computed_at, total = EXCLUDED.total, bucket = EXCLUDED.bucket,
         breakdown = EXCLUDED.breakdown, facts = EXCLUDED.facts, updated_at = now()`,
      [randomUUID(), s.tenantId, s.day, s.computedAt, s.total, s.bucket, JSON.stringify(s.breakdown), JSON.stringify(s.facts)],
      em,
    );
  }

  /** Writes (or replaces) many snapshots in one statement (the nightly run, a batch at a time). */
  async saveMany(em: EntityManager, snapshots: readonly ScoreSnapshot[]): Promise<void> {
    if (snapshots.length === 0) return;
    await this.db.sql(
      `INSERT INTO customer_success_scores (id, tenant_id, day, computed_at, total, bucket, breakdown, facts)
       SELECT gen_random_uuid(), s.tenant_id, s.day, s.computed_at, s.total, s.bucket, s.breakdown, s.facts
       FROM jsonb_to_recordset($1::jsonb) AS s(tenant_id uuid, day date, computed_at timestamptz, total int, bucket text, breakdown jsonb, facts jsonb)
       ON CONFLICT (tenant_id, day) DO UPDATE SET computed_at = EXCLUDED.computed_at, total = EXCLUDED.total, bucket = EXCLUDED.bucket,
         breakdown = EXCLUDED.breakdown, facts = EXCLUDED.facts, updated_at = now()`,
      [JSON.stringify(snapshots.map((s) => ({ tenant_id: s.tenantId, day: s.day, computed_at: s.computedAt, total: s.total, bucket: s.bucket, breakdown: s.breakdown, facts: s.facts })))],
      em,
    );
  }

  /**
   * Each tenant's latest snapshot (tenants given by id and name), with the totals of the newest snapshots at least
   * 7 and 30 days older.
   */
  async latest(em: EntityManager, tenantIds?: readonly string[]): Promise<Omit<ScoreRow, 'tenantName' | 'tenantSlug'>[]> {
    const rows = await this.db.sql<RawRow>(
      `SELECT s.tenant_id, to_char(s.day, 'YYYY-MM-DD') AS day, s.computed_at, s.total, s.bucket, s.breakdown, s.facts,
         (SELECT p.total FROM customer_success_scores p WHERE p.tenant_id = s.tenant_id AND p.day <= s.day - 7 ORDER BY p.day DESC LIMIT 1) AS total7,
         (SELECT p.total FROM customer_success_scores p WHERE p.tenant_id = s.tenant_id AND p.day <= s.day - 30 ORDER BY p.day DESC LIMIT 1) AS total30
       FROM (SELECT DISTINCT ON (tenant_id) * FROM customer_success_scores
             WHERE ($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[])) ORDER BY tenant_id, day DESC) s`,
      [tenantIds ? [...tenantIds] : null],
      em,
    );
    return rows.map((r) => ({ ...toSnapshot(r), total7: r.total7 ?? null, total30: r.total30 ?? null }));
  }

  /** A tenant's snapshots, newest first (at most `days`). */
  async history(em: EntityManager, tenantId: string, days: number): Promise<ScoreSnapshot[]> {
    const rows = await this.db.sql<RawRow>(
      `SELECT tenant_id, to_char(day, 'YYYY-MM-DD') AS day, computed_at, total, bucket, breakdown, facts
       FROM customer_success_scores WHERE tenant_id = $1 ORDER BY day DESC LIMIT $2`,
      [tenantId, days],
      em,
    );
    return rows.map(toSnapshot);
  }
}
