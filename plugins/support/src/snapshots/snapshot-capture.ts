import { LOG_READER, type LogReader, type PluginContext } from '@platform/sdk';
import { HEALTH_SERVICE, type HealthReader } from '@platform/sdk/monitors';
import { FLAG_CLIENT, type FlagClient } from '@platform/sdk/feature-flags';
import { TENANT_PLAN_READER, type TenantPlanReader } from '@platform/sdk/entitlements';
import type { SnapshotSection, SnapshotSections } from './snapshot-sections.ts';

/** How much of each section a snapshot keeps. */
export const SNAPSHOT_LIMITS = { errors: 20, errorHours: 72, audit: 25 } as const;

class Absent extends Error {}

/** The service under `key`, or an {@link Absent} error naming the plugin that would provide it. */
function serviceOf<T>(ctx: Pick<PluginContext, 'resolve'>, key: string, plugin: string): T {
  try {
    return ctx.resolve<T>(key);
  } catch {
    throw new Absent(`the ${plugin} plugin is not installed`);
  }
}

async function section<T>(read: () => Promise<T>): Promise<SnapshotSection<T>> {
  try {
    return { status: 'ok', data: await read() };
  } catch (err) {
    if (err instanceof Absent) return { status: 'unavailable', reason: err.message };
    return { status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500) };
  }
}

/**
 * Reads, at this moment and for this tenant, every section of a snapshot through the SDK contracts of the plugins
 * that own them (health, logging, feature flags, plans, the kernel's audit). Sections are read together; one that
 * fails or whose plugin is absent says so and the others are kept. Nothing is redacted here (see `redactSecrets`).
 */
export async function captureSnapshot(ctx: PluginContext, target: { tenantId: string; reporterUserId: string | null }): Promise<SnapshotSections> {
  const [health, errors, flags, plan, audit] = await Promise.all([
    section(async () => {
      const overview = await serviceOf<HealthReader>(ctx, HEALTH_SERVICE, 'health').overview();
      return { status: overview.status, scheduler: overview.scheduler, components: overview.components.map((c) => ({ name: c.name, tier: c.tier, status: c.status, responseTimeMs: c.responseTimeMs, lastCheckedAt: c.lastCheckedAt, since: c.since })), timestamp: overview.timestamp };
    }),
    section(() => serviceOf<LogReader>(ctx, LOG_READER, 'logging').recentErrors(target.tenantId, { limit: SNAPSHOT_LIMITS.errors, sinceHours: SNAPSHOT_LIMITS.errorHours })),
    section(async () => {
      const client = serviceOf<FlagClient>(ctx, FLAG_CLIENT, 'feature-flags');
      const all = await client.evaluateAll({ tenantId: target.tenantId, userId: target.reporterUserId });
      // A list, not an object keyed by flag: a flag named `passwordless_login` is not a secret key.
      const evaluations = Object.values(all)
        .map((e) => ({ key: e.key, enabled: e.enabled, value: e.value, variant: e.variant, reason: e.reason, rule: e.rule }))
        .sort((a, b) => a.key.localeCompare(b.key));
      return { userId: target.reporterUserId, evaluations };
    }),
    section(async () => {
      const reader = serviceOf<TenantPlanReader>(ctx, TENANT_PLAN_READER, 'plans');
      const { usage, ...plan } = await reader.planAndUsage(target.tenantId);
      return { plan, usage };
    }),
    section(() => ctx.audit.recent({ tenantId: target.tenantId, limit: SNAPSHOT_LIMITS.audit })),
  ]);
  return { health, errors, flags: flags as SnapshotSections['flags'], plan: plan as SnapshotSections['plan'], audit };
}
