import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';

/** Counts by state and severity, and time to acknowledge (fired → acknowledged) over the last days. */
export function addStatsRoutes(ctx: PluginContext, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/stats',
    permission: 'alerts.read',
    tenantScoped: false,
    schema: { summary: 'Alerts by state and severity; mean and p90 time to acknowledge', querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }) },
    async handler(req: PlatformRequest<{ Querystring: { days?: number } }>) {
      const since = new Date(clock() - (req.query.days ?? 30) * 86_400_000);
      const states = await ctx.db.sql<{ state: string; severity: string; n: number }>(
        `SELECT i.state, r.severity, count(*)::int AS n FROM alerts_instances i JOIN alerts_rules r ON r.id = i.rule_id GROUP BY 1, 2`,
      );
      const [tta] = await ctx.db.sql<{ n: number; mean_s: number | null; p90_s: number | null }>(
        `WITH acks AS (
           SELECT a.fingerprint, a.at AS acked, (SELECT max(f.at) FROM alerts_history f WHERE f.fingerprint = a.fingerprint AND f.event = 'fired' AND f.at <= a.at) AS fired
           FROM alerts_history a WHERE a.event = 'acknowledged' AND a.at >= $1)
         SELECT count(*)::int AS n, avg(extract(epoch FROM acked - fired)) AS mean_s,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acked - fired)) AS p90_s
         FROM acks WHERE fired IS NOT NULL`,
        [since],
      );
      return {
        byState: states,
        timeToAcknowledge: { acknowledgements: tta?.n ?? 0, meanSeconds: tta?.mean_s === null ? null : Number(tta?.mean_s), p90Seconds: tta?.p90_s === null ? null : Number(tta?.p90_s) },
      };
    },
  });
}
