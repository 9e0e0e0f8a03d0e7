/** Buckets of a usage time series (UTC; weeks start on Monday, like PostgreSQL's date_trunc). */
export type SeriesBucket = 'day' | 'week' | 'month';

export interface SeriesPoint {
  id: string;
  /** Start of the bucket, ISO. */
  bucket: string;
  quantity: number;
  /** Running total from the start of the series, plus `baseline`. */
  cumulative: number;
}

export function bucketStart(at: Date, bucket: SeriesBucket): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (bucket === 'month') return new Date(Date.UTC(y, m, 1));
  const day = new Date(Date.UTC(y, m, at.getUTCDate()));
  if (bucket === 'day') return day;
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

export function nextBucket(start: Date, bucket: SeriesBucket): Date {
  if (bucket === 'month') return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (bucket === 'week' ? 7 : 1) * 86_400_000);
}

/** Bucket starts covering `[from, to)`. */
export function bucketsBetween(from: Date, to: Date, bucket: SeriesBucket): Date[] {
  const out: Date[] = [];
  for (let b = bucketStart(from, bucket); b.getTime() < to.getTime(); b = nextBucket(b, bucket)) out.push(b);
  return out;
}

/** A gap-free series: every bucket of `[from, to)`, zero where nothing was used. */
export function fillUsageSeries(rows: { bucket: Date; quantity: number }[], from: Date, to: Date, bucket: SeriesBucket, baseline = 0): SeriesPoint[] {
  const byStart = new Map(rows.map((r) => [bucketStart(r.bucket, bucket).getTime(), r.quantity]));
  let cumulative = baseline;
  return bucketsBetween(from, to, bucket).map((b) => {
    const quantity = byStart.get(b.getTime()) ?? 0;
    cumulative += quantity;
    const iso = b.toISOString();
    return { id: iso, bucket: iso, quantity, cumulative };
  });
}
