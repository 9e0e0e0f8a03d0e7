import type { AuditTrail, Database } from '@platform/sdk';
import { defineHealthSignal, linearScore, type HealthSignalResult } from '@platform/sdk/customer-health';

const DAY = 86_400_000;
/** How far back in the tenant's newest audit entries the last non-system activity is looked for (as `audit.recent`). */
const LOOK_BACK = 50;

function recencyOf(last: { at: Date | string; action: string } | undefined, now: Date): HealthSignalResult {
  if (!last) return { score: 0, reason: 'No activity recorded in the audit trail' };
  const days = Math.max(0, (now.getTime() - new Date(last.at).getTime()) / DAY);
  const when = days < 1 ? 'today' : `${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'} ago`;
  return { score: linearScore(days, 1, 30), reason: `Last activity ${when} (${last.action})` };
}

/**
 * Usage recency, 30 points, from the kernel's audit trail (sign-ins and every audited change in the tenant, by its
 * users, keys or staff; the kernel's own `system` entries do not count): active within a day scores in full, then
 * linearly down to nothing at 30 days of silence. One tenant reads `audit.recent`; a batch (the nightly run) reads the
 * same newest 50 entries of every tenant with one query on the audit table (its plain columns: time, actor type, action).
 */
export function usageRecencySignal(audit: AuditTrail, db?: Database) {
  return defineHealthSignal({
    id: 'usage-recency',
    label: 'Usage recency',
    weight: 30,
    async compute(call, tenant) {
      const recent = await audit.recent({ tenantId: tenant.id, limit: LOOK_BACK });
      return recencyOf(recent.find((e) => e.actorType !== 'system'), call.now);
    },
    ...(db
      ? {
          async computeMany(call: { now: Date }, tenants: readonly { id: string }[]) {
            const rows = await db.sql<{ tenant_id: string; at: Date; action: string }>(
              `SELECT t.id AS tenant_id, x.at, x.action FROM unnest($1::uuid[]) AS t(id)
               CROSS JOIN LATERAL (
                 SELECT l.at, l.action FROM (SELECT id, at, action, actor_type FROM audit WHERE tenant_id = t.id ORDER BY id DESC LIMIT ${LOOK_BACK}) l
                 WHERE l.actor_type <> 'system' ORDER BY l.id DESC LIMIT 1) x`,
              [tenants.map((t) => t.id)],
              db.system(),
            );
            const last = new Map(rows.map((r) => [r.tenant_id, r]));
            return new Map(tenants.map((t) => [t.id, recencyOf(last.get(t.id), call.now)]));
          },
        }
      : {}),
  });
}
