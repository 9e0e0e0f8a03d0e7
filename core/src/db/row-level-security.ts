import type { EntityManager } from '@mikro-orm/core';
import { runScript } from './orm.ts';
import { APP_ROLE } from './row-scope.ts';
/** The policy every table with a `tenant_id` column gets. */
export const TENANT_POLICY = 'platform_tenant_rows';

/**
 * A row is visible (and may be written) under the app role when:
 * - it belongs to the transaction's tenant (`app.tenant_id`), or
 * - the transaction acts across tenants (`app.all_tenants` = on: staff's explicit cross-tenant reads), or
 * - it is a platform-level row (`tenant_id` NULL) and the transaction has no tenant.
 * A tenant's transaction therefore sees neither other tenants' rows nor platform-level rows.
 * The tenant's own rows are tested first: PostgreSQL evaluates the arms of an OR in the order written and stops at the
 * first true one, so a tenant's row passes after one uuid comparison. The policy is checked on every row a
 * query reads (a count of a tenant's 10,000 rows reads 10,000): this order saves about a tenth of such a
 * query's database CPU (bench/kernel).
 */
const ROW_VISIBLE = `tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)
      OR (SELECT current_setting('app.all_tenants', true)) = 'on'
      OR (tenant_id IS NULL AND (SELECT NULLIF(current_setting('app.tenant_id', true), '')) IS NULL)`;
/**
 * Stored as the policy's comment: a policy without it was created by an older kernel with an older
 * definition, and is replaced (once) at the next migrate.
 */
export const TENANT_POLICY_VERSION = 'platform_tenant_rows 2 (own tenant first)';
// Each setting is read in a sub-select: PostgreSQL evaluates it once per query (an InitPlan), not once per row.

/**
 * For every table of the schema: grants the app role plain DML (and its sequences), and for every table
 * with a `tenant_id` column (plugin tables included, whoever created them) enables row-level security
 * with the tenant policy. Partitions are left out: they are read through their parent, whose policy applies.
 * Idempotent; runs at the end of every migrate, inside its transaction and lock,
 * so a plugin's new tables are covered without the plugin writing any policy.
 */
export async function installRowLevelSecurity(em: EntityManager): Promise<void> {
  await runScript(
    em,
    `DO $install$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.oid::regclass AS rel
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND NOT (has_table_privilege('${APP_ROLE}', c.oid, 'SELECT') AND has_table_privilege('${APP_ROLE}', c.oid, 'INSERT')
               AND has_table_privilege('${APP_ROLE}', c.oid, 'UPDATE') AND has_table_privilege('${APP_ROLE}', c.oid, 'DELETE'))
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO ${APP_ROLE}', t.rel);
  END LOOP;
  FOR t IN
    SELECT c.oid::regclass AS rel
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S'
      AND NOT (has_sequence_privilege('${APP_ROLE}', c.oid, 'USAGE') AND has_sequence_privilege('${APP_ROLE}', c.oid, 'UPDATE'))
  LOOP
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO ${APP_ROLE}', t.rel);
  END LOOP;
  FOR t IN
    SELECT c.oid::regclass AS rel, c.relrowsecurity AS enabled,
           (SELECT p.oid FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '${TENANT_POLICY}') AS policy
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  LOOP
    IF t.policy IS NULL THEN
      EXECUTE format($policy$CREATE POLICY ${TENANT_POLICY} ON %s TO ${APP_ROLE} USING (${ROW_VISIBLE}) WITH CHECK (${ROW_VISIBLE})$policy$, t.rel);
      EXECUTE format($comment$COMMENT ON POLICY ${TENANT_POLICY} ON %s IS '${TENANT_POLICY_VERSION}'$comment$, t.rel);
    ELSIF obj_description(t.policy, 'pg_policy') IS DISTINCT FROM '${TENANT_POLICY_VERSION}' THEN
      EXECUTE format($policy$ALTER POLICY ${TENANT_POLICY} ON %s TO ${APP_ROLE} USING (${ROW_VISIBLE}) WITH CHECK (${ROW_VISIBLE})$policy$, t.rel);
      EXECUTE format($comment$COMMENT ON POLICY ${TENANT_POLICY} ON %s IS '${TENANT_POLICY_VERSION}'$comment$, t.rel);
    END IF;
    IF NOT t.enabled THEN
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.rel);
    END IF;
  END LOOP;
END
$install$;`,
  );
}
