import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';

/** The daily digest's "Alerts fired" section: every transition into firing in the last 24 hours, by rule. */
export function contributeAlertsFiredDigestSection(ctx: PluginContext): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'alerts-fired',
    label: 'Alerts fired in the last 24 hours',
    order: 30,
    async compute(call) {
      const rows = await ctx.db.sql<{ rule_name: string; severity: string; tenant_id: string | null; n: number; last_at: Date }>(
        `SELECT rule_name, severity, tenant_id, count(*)::int AS n, max(at) AS last_at FROM alerts_history
         WHERE to_state = 'firing' AND at >= $1 AND at < $2
         GROUP BY rule_name, severity, tenant_id ORDER BY max(at) DESC LIMIT 50`,
        [call.since, call.now],
        ctx.db.system(),
      );
      const fired = rows.reduce((n, r) => n + r.n, 0);
      const critical = rows.some((r) => r.severity === 'critical');
      return {
        status: critical ? 'critical' : rows.length ? 'warning' : 'ok',
        summary: fired ? `${fired} alert${fired === 1 ? '' : 's'} fired in the last 24 hours` : 'No alert fired in the last 24 hours',
        items: rows.map((r) => ({ label: r.rule_name, value: r.severity, detail: `${r.n}×, last ${new Date(r.last_at).toISOString().slice(11, 16)} UTC`, ...(r.tenant_id ? { tenantId: r.tenant_id } : {}), status: r.severity === 'critical' ? 'critical' : 'warning' })),
      };
    },
  }));
}
