import type { AuditTrail } from '@platform/sdk';
import { defineHealthSignal, linearScore } from '@platform/sdk/customer-health';

const DAY = 86_400_000;

/**
 * Usage recency, 30 points, from the kernel's audit trail (sign-ins and every audited change in the tenant, by its
 * users, keys or staff; the kernel's own `system` entries do not count): active within a day scores in full, then
 * linearly down to nothing at 30 days of silence.
 */
export function usageRecencySignal(audit: AuditTrail) {
  return defineHealthSignal({
    id: 'usage-recency',
    label: 'Usage recency',
    weight: 30,
    async compute(call, tenant) {
      const recent = await audit.recent({ tenantId: tenant.id, limit: 50 });
      const last = recent.find((e) => e.actorType !== 'system');
      if (!last) return { score: 0, reason: 'No activity recorded in the audit trail' };
      const days = Math.max(0, (call.now.getTime() - new Date(last.at).getTime()) / DAY);
      const when = days < 1 ? 'today' : `${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'} ago`;
      return { score: linearScore(days, 1, 30), reason: `Last activity ${when} (${last.action})` };
    },
  });
}
