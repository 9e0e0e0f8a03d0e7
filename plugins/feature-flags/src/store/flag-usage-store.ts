import type { Database } from '@platform/sdk';

/** Records that these flags were evaluated at `at` (keeps the later time when instances race). */
export async function recordFlagsEvaluated(db: Database, keys: string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  await db.sql(
    `INSERT INTO feature_flag_usage (flag_key, last_evaluated_at) SELECT unnest($1::text[]), $2
     ON CONFLICT (flag_key) DO UPDATE SET last_evaluated_at = GREATEST(feature_flag_usage.last_evaluated_at, EXCLUDED.last_evaluated_at)`,
    [keys, at],
  );
}

export async function lastEvaluatedTimes(db: Database): Promise<Map<string, Date>> {
  const rows = await db.sql<{ flag_key: string; last_evaluated_at: Date }>('SELECT flag_key, last_evaluated_at FROM feature_flag_usage');
  return new Map(rows.map((row) => [row.flag_key, new Date(row.last_evaluated_at)]));
}
