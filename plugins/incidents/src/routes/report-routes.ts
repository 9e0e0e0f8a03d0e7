import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { mttrReport } from '../model/mttr.ts';
import { SEVERITY_LEVELS } from '../model/severity-levels.ts';
import { weekStart } from '../model/mttr.ts';

/** Severity definitions and MTTR by severity with its weekly trend. */
export function addReportRoutes(ctx: PluginContext, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/severities',
    permission: 'incidents.read',
    tenantScoped: false,
    schema: { summary: 'SEV1-4: criteria, expected response, examples, update cadence, whether a postmortem is required' },
    handler: async () => SEVERITY_LEVELS,
  });

  ctx.routes.add({
    method: 'GET',
    url: '/stats/mttr',
    permission: 'incidents.read',
    tenantScoped: false,
    schema: { summary: 'Mean time to resolve by severity, weekly trend, postmortem completion of SEV1-2', querystring: Type.Object({ weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104 })) }) },
    async handler(req: PlatformRequest<{ Querystring: { weeks?: number } }>) {
      const now = clock();
      const weeks = req.query.weeks ?? 12;
      const since = new Date(weekStart(now) - (weeks - 1) * 7 * 86_400_000);
      const rows = await ctx.db.sql<{ severity: number; started_at: Date; resolved_at: Date | null; has_postmortem: boolean }>(
        `SELECT i.severity, i.started_at, i.resolved_at,
                (p.what_happened IS NOT NULL AND p.what_happened <> '' AND p.root_cause IS NOT NULL AND p.root_cause <> '') AS has_postmortem
         FROM incidents_incidents i LEFT JOIN incidents_postmortems p ON p.incident_id = i.id
         WHERE i.started_at >= $1 OR i.resolved_at >= $1`,
        [since],
      );
      const resolved = rows.filter((r) => r.resolved_at).map((r) => ({ severity: r.severity as 1 | 2 | 3 | 4, startedAt: new Date(r.started_at).getTime(), resolvedAt: new Date(r.resolved_at!).getTime() }));
      const major = rows.filter((r) => r.severity <= 2 && r.resolved_at);
      return {
        ...mttrReport(resolved, rows.map((r) => ({ startedAt: new Date(r.started_at).getTime() })), now, weeks),
        postmortems: { sev12Resolved: major.length, withPostmortem: major.filter((r) => r.has_postmortem).length },
      };
    },
  });
}
