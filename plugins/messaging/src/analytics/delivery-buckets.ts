/**
 * How the charts count a message (one bucket each, so they stack), by its current status and whether a
 * provider took it (`provider_message_id`):
 * - `delivered`: the provider confirmed delivery (`delivered`, and the later email events `opened`, `complained`);
 * - `failed`: no provider took it, or it never arrived (`failed`, `undelivered`, `bounced`);
 * - `sent`: a provider accepted it and has not reported the outcome yet (`sent`, or `queued` at the provider);
 * - `queued`: not handed to a provider yet.
 */
export const BUCKET_CONDITIONS = {
  queued: "status = 'queued' AND provider_message_id IS NULL",
  sent: "status = 'sent' OR (status = 'queued' AND provider_message_id IS NOT NULL)",
  delivered: "status IN ('delivered', 'opened', 'complained')",
  failed: "status IN ('failed', 'undelivered', 'bounced')",
} as const;

export type Bucket = keyof typeof BUCKET_CONDITIONS;

export interface BucketCounts {
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  total: number;
}

/** SQL selecting the four bucket counts and the total, as integers (over the messages' columns). */
export const BUCKET_COUNTS_SQL = (Object.entries(BUCKET_CONDITIONS) as [Bucket, string][])
  .map(([bucket, condition]) => `count(*) FILTER (WHERE ${condition})::int AS ${bucket}`)
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
