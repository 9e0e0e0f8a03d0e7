import { HEALTH_BUCKETS, isBigChange, trendOf, type HealthBucket } from './health-scoring.ts';
import type { ScoreRow } from './score-store.ts';

export const SCORE_SORTS = ['total', '-total', 'name', 'renewsAt', 'change7', '-change7'] as const;
export type ScoreSort = (typeof SCORE_SORTS)[number];

export interface ScoreFilter {
  bucket?: HealthBucket[];
  plan?: string;
  tag?: string;
  /** ISO: only tenants renewing before this time. */
  renewsBefore?: string;
  sort?: ScoreSort;
}

/** A list row: the latest snapshot with its trends. */
export interface ScoreListRow extends ScoreRow {
  change7: number | null;
  change30: number | null;
}

export function withTrends(row: ScoreRow): ScoreListRow {
  return { ...row, change7: trendOf(row.total, row.total7), change30: trendOf(row.total, row.total30) };
}

const tagsOf = (row: ScoreRow) => (row.facts.tags ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
const nullsLast = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
const numNullsLast = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/** Filters and sorts the latest scores (ties by tenant name). */
export function filterScores(rows: readonly ScoreListRow[], f: ScoreFilter): ScoreListRow[] {
  const out = rows.filter(
    (r) =>
      (!f.bucket?.length || f.bucket.includes(r.bucket)) &&
      (!f.plan || r.facts.plan === f.plan) &&
      (!f.tag || tagsOf(r).includes(f.tag.toLowerCase())) &&
      (!f.renewsBefore || (r.facts.renewsAt !== undefined && r.facts.renewsAt < f.renewsBefore)),
  );
  const byName = (a: ScoreListRow, b: ScoreListRow) => a.tenantName.localeCompare(b.tenantName);
  const sort = f.sort ?? 'total';
  const cmp: Record<ScoreSort, (a: ScoreListRow, b: ScoreListRow) => number> = {
    total: (a, b) => a.total - b.total,
    '-total': (a, b) => b.total - a.total,
    name: () => 0,
    renewsAt: (a, b) => nullsLast(a.facts.renewsAt, b.facts.renewsAt),
    change7: (a, b) => numNullsLast(a.change7, b.change7),
    '-change7': (a, b) => numNullsLast(b.change7, a.change7),
  };
  return out.sort((a, b) => cmp[sort](a, b) || byName(a, b));
}

/** At risk: the at-risk and critical buckets, soonest renewal first. */
export function atRisk(rows: readonly ScoreListRow[]): ScoreListRow[] {
  return filterScores(rows, { bucket: ['at-risk', 'critical'], sort: 'renewsAt' });
}

/** Tenants whose score moved by at least `threshold` points against `days` (7 or 30) days ago, biggest moves first. */
export function bigChanges(rows: readonly ScoreListRow[], days: 7 | 30, threshold = 20): ScoreListRow[] {
  const delta = (r: ScoreListRow) => (days === 7 ? r.change7 : r.change30);
  return rows.filter((r) => isBigChange(delta(r), threshold)).sort((a, b) => Math.abs(delta(b)!) - Math.abs(delta(a)!) || a.tenantName.localeCompare(b.tenantName));
}

export const CSV_HEADER = ['tenantId', 'tenantSlug', 'tenantName', 'day', 'total', 'bucket', 'change7', 'change30', 'plan', 'renewsAt', 'signals'] as const;

export function csvRecord(r: ScoreListRow): unknown[] {
  const signals = r.breakdown.map((l) => `${l.id} ${l.points}/${l.weight}: ${l.reason}`).join('; ');
  return [r.tenantId, r.tenantSlug, r.tenantName, r.day, r.total, r.bucket, r.change7, r.change30, r.facts.plan, r.facts.renewsAt, signals];
}

export { HEALTH_BUCKETS };
