import type { Database, PluginContext } from '@platform/sdk';
import { KPIS, defineKpi, type KpiPeriod } from '@platform/sdk/customer-health';

/**
 * Monthly active users and API keys per tenant: the tenant's users with a session started or an audited action in
 * the month (or a last sign-in in it), plus its API keys with an audited call or a last use in it. Read from the
 * kernel's sessions, users, API keys and audit tables (no SDK service counts these yet); the audit trail keeps the
 * history, so past months can be backfilled (sessions and last-use stamps only cover the recent past).
 */
async function activeActors(db: Database, period: KpiPeriod): Promise<{ tenant_id: string; users: number; keys: number }[]> {
  return db.sql<{ tenant_id: string; users: number; keys: number }>(
    `SELECT tenant_id, count(DISTINCT actor) FILTER (WHERE kind = 'u')::int AS users, count(DISTINCT actor) FILTER (WHERE kind = 'k')::int AS keys
     FROM (
       SELECT u.tenant_id, 'u' AS kind, u.id::text AS actor FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE u.kind = 'tenant' AND s.created_at >= $1 AND s.created_at < $2
       UNION ALL
       SELECT u.tenant_id, 'u', u.id::text FROM users u WHERE u.kind = 'tenant' AND u.last_login_at >= $1 AND u.last_login_at < $2
       UNION ALL
       SELECT a.tenant_id, 'u', a.actor_id FROM audit a JOIN users u ON u.id::text = a.actor_id AND u.tenant_id = a.tenant_id
         WHERE a.actor_type = 'user' AND a.at >= $1 AND a.at < $2
       UNION ALL
       SELECT a.tenant_id, 'k', a.actor_id FROM audit a WHERE a.actor_type = 'api_key' AND a.tenant_id IS NOT NULL AND a.at >= $1 AND a.at < $2
       UNION ALL
       SELECT k.tenant_id, 'k', k.id::text FROM api_keys k WHERE k.tenant_id IS NOT NULL AND k.last_used_at >= $1 AND k.last_used_at < $2
     ) x GROUP BY tenant_id`,
    [period.from, period.to],
    db.system(),
  );
}

/** `mau` (users and API keys active in the month, per tenant) and `active-tenants` (tenants with any of them). */
export function contributeActivityKpis(ctx: PluginContext): void {
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'active-tenants',
    label: 'Active tenants',
    description: 'Tenants with at least one active user or API key in the month',
    unit: 'count',
    aggregate: 'count',
    async measure(period) {
      const rows = await activeActors(ctx.db, period);
      return { byTenant: Object.fromEntries(rows.filter((r) => r.users + r.keys > 0).map((r) => [r.tenant_id, 1])) };
    },
  }));
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'mau',
    label: 'Monthly active users',
    description: 'Users with a session or an audited action, plus API keys used, in the month, per tenant',
    unit: 'count',
    aggregate: 'sum',
    async measure(period) {
      const rows = await activeActors(ctx.db, period);
      return {
        byTenant: Object.fromEntries(rows.map((r) => [r.tenant_id, r.users + r.keys])),
        breakdown: { users: rows.reduce((n, r) => n + r.users, 0), 'API keys': rows.reduce((n, r) => n + r.keys, 0) },
      };
    },
  }));
}
