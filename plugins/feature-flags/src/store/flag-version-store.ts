import type { Database, EntityManager } from '@platform/sdk';

/** The configuration version every instance compares its cache with. Bumped inside each change's transaction. */
export async function bumpFlagVersion(db: Database, em: EntityManager): Promise<number> {
  const rows = await db.sql<{ version: string }>('UPDATE feature_flags_state SET version = version + 1 WHERE id = 1 RETURNING version', [], em);
  return Number(rows[0].version);
}

export async function readFlagVersion(db: Database, em?: EntityManager): Promise<number> {
  const rows = await db.sql<{ version: string }>('SELECT version FROM feature_flags_state WHERE id = 1', [], em);
  return Number(rows[0]?.version ?? 0);
}
