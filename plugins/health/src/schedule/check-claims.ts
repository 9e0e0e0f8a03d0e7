import type { Database } from '@platform/sdk';

export interface ClaimRequest {
  monitorId: string;
  targetKey: string;
  plannedAt: number;
}

export const claimKey = (monitorId: string, targetKey: string, plannedAt: number) => `${monitorId}\u0000${targetKey}\u0000${plannedAt}`;

/**
 * Claims planned checks so that each runs once across instances: a compare-and-set on the target's
 * claim row, `last_planned_at < planned`, in one statement for the whole batch. Planned times are
 * deterministic (see cadence.ts), so every instance asks for the same ones and exactly one UPDATE
 * wins each; the row only moves forward, so a late instance cannot re-run an older planned time.
 * (One row per target, updated in place, instead of an ever-growing claims table to prune; a table of
 * its own, so that a claim never waits for the row locks of the result writer.)
 */
export async function claimPlannedChecks(db: Database, requests: readonly ClaimRequest[], instanceId: string): Promise<Set<string>> {
  const won = new Set<string>();
  for (let i = 0; i < requests.length; i += 2000) {
    const part = requests.slice(i, i + 2000);
    const rows = await db.sql<{ monitor_id: string; target_key: string; planned_ms: string }>(
      `UPDATE health_check_claims s SET last_planned_at = c.planned_at, claimed_by = $4
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS c(monitor_id, target_key, planned_at)
       WHERE s.monitor_id = c.monitor_id AND s.target_key = c.target_key
         AND (s.last_planned_at IS NULL OR s.last_planned_at < c.planned_at)
       RETURNING s.monitor_id, s.target_key, (extract(epoch from c.planned_at) * 1000)::bigint::text AS planned_ms`,
      [part.map((r) => r.monitorId), part.map((r) => r.targetKey), part.map((r) => new Date(r.plannedAt)), instanceId],
    );
    for (const r of rows) won.add(claimKey(r.monitor_id, r.target_key, Number(r.planned_ms)));
  }
  return won;
}
