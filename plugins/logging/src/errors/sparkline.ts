/** Counts per bucket for the `buckets` buckets of `bucketMs` ending with the one containing `now`, oldest first. Pure. */
export function sparkline(points: { at: Date | string; count: number }[], now: Date, buckets: number, bucketMs: number): number[] {
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const start = end - (buckets - 1) * bucketMs;
  const out = new Array<number>(buckets).fill(0);
  for (const p of points) {
    const t = Math.floor(new Date(p.at).getTime() / bucketMs) * bucketMs;
    if (t < start || t > end) continue;
    out[(t - start) / bucketMs] += Number(p.count);
  }
  return out;
}
