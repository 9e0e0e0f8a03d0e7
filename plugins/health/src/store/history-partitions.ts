import type { Database, EntityManager } from '@platform/sdk';

const DAY_MS = 86_400_000;
const PARTITION = /^health_check_history_p(\d{4})(\d{2})(\d{2})$/;

/** The UTC midnight of the day containing `ms`. */
export const utcDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

export const partitionName = (dayMs: number) => `health_check_history_p${new Date(dayMs).toISOString().slice(0, 10).replace(/-/g, '')}`;

/** The day a partition holds, or null for anything else (the default partition). */
export function partitionDay(name: string): number | null {
  const m = PARTITION.exec(name);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

export interface PartitionPlan {
  /** Days (UTC midnight, ms) to create: today and `aheadDays` more. */
  create: number[];
  /** Partitions whose whole day is older than the retention. */
  drop: string[];
  /** The kept partition straddling the cutoff, trimmed by a DELETE so retention is exact. */
  trim: string | null;
  cutoff: number;
}

/** Pure: what keeps `retentionDays` of history and `aheadDays` of room from `now`. */
export function planHistoryPartitions(existing: readonly string[], now: number, retentionDays: number, aheadDays: number): PartitionPlan {
  const cutoff = now - retentionDays * DAY_MS;
  const today = utcDay(now);
  const have = new Set(existing);
  const create = Array.from({ length: aheadDays + 1 }, (_, i) => today + i * DAY_MS).filter((d) => !have.has(partitionName(d)));
  const days = existing.map((n) => ({ n, day: partitionDay(n) })).filter((p): p is { n: string; day: number } => p.day !== null);
  const drop = days.filter((p) => p.day + DAY_MS <= cutoff).map((p) => p.n);
  const straddling = days.find((p) => p.day < cutoff && p.day + DAY_MS > cutoff);
  return { create, drop, trim: straddling?.n ?? null, cutoff };
}

export async function historyPartitions(db: Database, em?: EntityManager): Promise<string[]> {
  const rows = await db.sql<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'health_check_history'`,
    [],
    em,
  );
  return rows.map((r) => r.name);
}

/**
 * Creates the partitions ahead, drops the days past retention (a DROP TABLE each, no DELETE), trims the
 * partition straddling the cutoff and the default partition. Returns what it did.
 */
export async function maintainHistoryPartitions(db: Database, now: number, retentionDays: number, aheadDays = 3, em?: EntityManager) {
  const plan = planHistoryPartitions(await historyPartitions(db, em), now, retentionDays, aheadDays);
  for (const day of plan.create) await db.sql('SELECT health_ensure_history_partition($1::date)', [new Date(day).toISOString().slice(0, 10)], em);
  for (const name of plan.drop) if (partitionDay(name) !== null) await db.sql(`DROP TABLE IF EXISTS ${name}`, [], em);
  let trimmed = 0;
  for (const name of [plan.trim, 'health_check_history_default']) {
    if (!name) continue;
    const [{ n }] = await db.sql<{ n: number }>(`WITH gone AS (DELETE FROM ${name} WHERE checked_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`, [new Date(plan.cutoff)], em);
    trimmed += n;
  }
  return { created: plan.create.map(partitionName), dropped: plan.drop, trimmed };
}
