import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';

/** The daily digest's "Platform health" section: monitors by status now, the unhealthy and degraded ones listed. */
export function contributePlatformHealthDigestSection(ctx: PluginContext): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'platform-health',
    label: 'Platform health',
    order: 10,
    async compute() {
      const rows = await ctx.db.sql<{ monitor_id: string; target_key: string; tenant_id: string | null; status: string; message: string | null }>(
        `SELECT monitor_id, target_key, tenant_id, status, message FROM health_monitor_state ORDER BY monitor_id, target_key`,
        [],
        ctx.db.system(),
      );
      const count = (status: string) => rows.filter((r) => r.status === status).length;
      const bad = rows.filter((r) => r.status === 'unhealthy' || r.status === 'degraded');
      return {
        status: count('unhealthy') ? 'critical' : count('degraded') ? 'warning' : 'ok',
        summary: rows.length ? `${count('healthy')} of ${rows.length} monitors healthy, ${count('degraded')} degraded, ${count('unhealthy')} unhealthy` : 'No monitors are set up',
        items: bad.map((r) => ({ label: `${r.monitor_id} ${r.target_key}`, value: r.status, ...(r.message ? { detail: r.message } : {}), ...(r.tenant_id ? { tenantId: r.tenant_id } : {}), status: r.status === 'unhealthy' ? 'critical' : 'warning' })),
      };
    },
  }));
}
