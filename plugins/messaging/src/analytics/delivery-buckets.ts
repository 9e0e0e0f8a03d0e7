/**
 * How the charts count a message, by its current status (one bucket each, so they stack):
 * - `delivered`: the provider confirmed delivery (`delivered`, and the later email events `opened`, `complained`);
 * - `failed`: no provider took it, or it never arrived (`failed`, `undelivered`, `bounced`);
 * - `sent`: a provider accepted it and has not reported the outcome yet;
 * - `queued`: not handed to a provider yet.
 */
export const BUCKET_STATUSES = {
  queued: ['queued'],
  sent: ['sent'],
  delivered: ['delivered', 'opened', 'complained'],
  failed: ['failed', 'undelivered', 'bounced'],
} as const;

export type Bucket = keyof typeof BUCKET_STATUSES;

export interface BucketCounts {
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  total: number;
}

/** SQL selecting the four bucket counts and the total, as integers (`status` is the messages' column). */
export const BUCKET_COUNTS_SQL = (Object.entries(BUCKET_STATUSES) as [Bucket, readonly string[]][])
  .map(([bucket, statuses]) => `count(*) FILTER (WHERE status IN (${statuses.map((s) => `'${s}'`).join(', ')}))::int AS ${bucket}`)
  .concat('count(*)::int AS total')
  .join(', ');

export const ZERO_COUNTS: BucketCounts = { queued: 0, sent: 0, delivered: 0, failed: 0, total: 0 };

export function countsOf(row: Record<string, unknown>): BucketCounts {
  return { queued: Number(row.queued ?? 0), sent: Number(row.sent ?? 0), delivered: Number(row.delivered ?? 0), failed: Number(row.failed ?? 0), total: Number(row.total ?? 0) };
}

/**
 * Delivered among the messages a provider took (queued ones are not its doing), rounded to 4 places;
 * null when it took none. Accepted-but-unreported messages count against the rate until reported.
 */
export function deliveryRate(c: BucketCounts): number | null {
  const handled = c.sent + c.delivered + c.failed;
  return handled === 0 ? null : Math.round((c.delivered / handled) * 10_000) / 10_000;
}
