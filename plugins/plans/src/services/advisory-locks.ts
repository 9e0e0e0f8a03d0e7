import type { Database, EntityManager } from '@platform/sdk';

/**
 * Transaction-scoped advisory locks (released on commit/rollback). The assignment lock uses the same
 * key as the `plans_assignments_no_overlap` trigger.
 */
export async function lockTenantAssignments(db: Database, em: EntityManager, tenantId: string): Promise<void> {
  await db.sql(`SELECT pg_advisory_xact_lock(hashtextextended('plans_assignments:' || $1::text, 0))`, [tenantId], em);
}

/** Serialises usage writes of one tenant and meter, so threshold checks see a consistent total. */
export async function lockTenantMeter(db: Database, em: EntityManager, tenantId: string, meter: string): Promise<void> {
  await db.sql(`SELECT pg_advisory_xact_lock(hashtextextended('plans_usage:' || $1::text || ':' || $2::text, 0))`, [tenantId, meter], em);
}
