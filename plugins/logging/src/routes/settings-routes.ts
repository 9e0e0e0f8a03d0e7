import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';
import { CONFIG_CHANNEL } from '../logging-runtime.ts';
import { LoggingSettingsSchema } from '../settings/logging-settings.ts';
import { parsePartitionName } from '../storage/partition-plan.ts';

const tags = ['logging'];

/** Retention and redaction settings, and what storage holds (partitions with their sizes). */
export function addSettingsRoutes(ctx: PluginContext, rt: LoggingRuntime): void {
  const storage = async () => {
    const rows = await ctx.db.sql<{ name: string; rows: string; bytes: string }>(
      `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname LIKE 'platform_logs_p%' AND c.relkind IN ('r', 'p') ORDER BY c.relname DESC`,
    );
    return rows.map((r) => {
      const parsed = parsePartitionName(r.name);
      return { name: r.name, day: parsed?.day.toISOString().slice(0, 10) ?? null, level: parsed?.level ?? null, estimatedRows: Number(r.rows), bytes: Number(r.bytes) };
    });
  };

  ctx.routes.add({
    method: 'GET',
    url: '/settings',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags, summary: 'Retention per level, PII redaction rules, DEBUG window limit, and the partitions in storage (staff)' },
    async handler(req: PlatformRequest) {
      req.ctx.acrossTenants();
      return { settings: await rt.config.reload(), partitions: await storage(), pipeline: ctx.logging.stats() };
    },
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/settings',
    permission: 'logging.manage',
    tenantScoped: false,
    schema: { tags, summary: 'Change retention, redaction or limits; applied on every instance at once', body: Type.Partial(LoggingSettingsSchema) },
    async handler(req: PlatformRequest<{ Body: Record<string, unknown> }>) {
      const before = await rt.config.reload();
      await ctx.settings.set(req.body);
      const after = await rt.config.reload();
      await req.ctx.audit({ action: 'logging.settings_changed', tenantId: null, targetType: 'plugin', targetId: 'logging', before, after });
      await ctx.broadcast.publish(CONFIG_CHANNEL, { at: Date.now() });
      // A shorter retention takes effect now, not at the next hourly run.
      await rt.partitions.run(after.retentionDays, after.partitionsAheadDays);
      return { settings: after, partitions: await storage() };
    },
  });
}
