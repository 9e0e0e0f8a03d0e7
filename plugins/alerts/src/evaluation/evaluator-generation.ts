import type { Database, EntityManager } from '@platform/sdk';

/**
 * Optimistic concurrency between evaluations and manual actions (acknowledge, resolve): each reads the
 * generation before it reads anything else, and commits only if the generation is still the same,
 * bumping it. A loser writes nothing; the next tick starts from fresh state.
 */
export async function readGeneration(db: Database): Promise<number> {
  const [row] = await db.sql<{ generation: string }>('SELECT generation FROM alerts_evaluator WHERE id = 1');
  return Number(row?.generation ?? 0);
}

export async function claimGeneration(db: Database, em: EntityManager, expected: number, tick?: { at: number; durationMs: number }): Promise<boolean> {
  const rows = await db.sql(
    `UPDATE alerts_evaluator SET generation = generation + 1,
       last_tick_at = COALESCE($2, last_tick_at), last_tick_ms = COALESCE($3, last_tick_ms)
     WHERE id = 1 AND generation = $1 RETURNING generation`,
    [expected, tick ? new Date(tick.at) : null, tick ? Math.round(tick.durationMs) : null],
    em,
  );
  return rows.length > 0;
}

/** Bumps the generation unconditionally (manual actions), so a concurrent evaluation does not overwrite them. */
export async function bumpGeneration(db: Database, em: EntityManager): Promise<void> {
  await db.sql('UPDATE alerts_evaluator SET generation = generation + 1 WHERE id = 1', [], em);
}
