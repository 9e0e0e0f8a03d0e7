import type { Database, EntityManager } from '@platform/sdk';

/** Each owner's applied migrations (`kernel` and every plugin with migrations), in name order. */
export async function appliedMigrations(db: Database, em?: EntityManager): Promise<Record<string, string[]>> {
  const rows = await db.sql<{ owner: string; name: string }>('SELECT owner, name FROM kernel_migrations ORDER BY owner, name', [], em);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.owner] ??= []).push(r.name);
  return out;
}
