import type { PluginContext } from '@platform/sdk';
import { DIGEST_SECTIONS, defineDigestSection } from '@platform/sdk/customer-health';

/** The daily digest's "Top errors" section: the error groups seen most in the last 24 hours, across tenants. */
export function contributeTopErrorsDigestSection(ctx: PluginContext): void {
  ctx.extensions.contribute(DIGEST_SECTIONS, defineDigestSection({
    id: 'top-errors',
    label: 'Top errors',
    order: 70,
    async compute(call) {
      const rows = await ctx.db.sql<{ fingerprint: string; error_type: string; normalized_message: string; service: string; n: string; tenants: number }>(
        `SELECT g.fingerprint, g.error_type, g.normalized_message, g.service, sum(h.count)::text AS n, count(DISTINCT h.tenant_id)::int AS tenants
         FROM logging_error_group_hours h JOIN logging_error_groups g ON g.fingerprint = h.fingerprint
         WHERE h.hour >= date_trunc('hour', $1::timestamptz) AND h.hour < $2 AND g.status <> 'ignored'
         GROUP BY g.fingerprint ORDER BY sum(h.count) DESC, g.fingerprint LIMIT 10`,
        [call.since, call.now],
        ctx.db.system(),
      );
      const total = rows.reduce((n, r) => n + Number(r.n), 0);
      return {
        status: rows.length ? 'warning' : 'ok',
        summary: rows.length ? `${total} errors in the top ${rows.length} groups over the last 24 hours` : 'No errors in the last 24 hours',
        items: rows.map((r) => ({ label: `${r.error_type}: ${r.normalized_message}`.slice(0, 200), value: `${r.n}×`, detail: `${r.service}, ${r.tenants} tenant${r.tenants === 1 ? '' : 's'}` })),
      };
    },
  }));
}
