import { fileURLToPath } from 'node:url';
import { definePlugin, Type } from '@platform/sdk';
import { FLAG_CLIENT, FLAG_ENTITLEMENTS } from '@platform/sdk/feature-flags';
import { FeatureFlagEntity } from './entities/feature-flag-entity.ts';
import { FlagOverrideEntity } from './entities/flag-override-entity.ts';
import { StagedRolloutEntity } from './entities/staged-rollout-entity.ts';
import { ALERT_FIRED, alertRuleNames } from './events.ts';
import { defineFlagJobs } from './jobs.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { evaluateRoutes } from './routes/evaluate-routes.ts';
import { flagRoutes } from './routes/flag-routes.ts';
import { overrideRoutes } from './routes/override-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { rolloutRoutes } from './routes/rollout-routes.ts';
import { streamRoute } from './routes/stream-route.ts';
import { unleashClientRoutes } from './routes/unleash-client-routes.ts';
import { PLATFORM_FLAGS } from './seed/platform-flags.ts';
import { seedPlatformFlags } from './seed/seed-platform-flags.ts';
import { commitFlagChange } from './service/commit-flag-change.ts';
import { createFlagServices } from './service/create-flag-services.ts';
import { FLAG_RUNTIME, FlagRuntime } from './service/flag-runtime.ts';
import { featureFlagsDataDeclarations } from './data-declarations.ts';
import { TenantFlagEntitlements } from './service/tenant-flag-entitlements.ts';
import { seedTenantDefaultFlags, TENANT_DEFAULT_FLAGS, type TenantDefaultFlag } from './provisioning/tenant-default-flags.ts';

/** How often each instance compares its cache version with the database when a notification is lost. */
const DEFAULT_POLL_MS = 500;

/**
 * Feature flags: platform-level flag definitions with per-tenant targeting (tenant and user lists,
 * plans, percentage rollouts, schedules, variants, constraints), per-tenant/per-user overrides, kill
 * switches, staged rollouts, an append-only audit trail, and in-process evaluation on every instance
 * kept fresh through LISTEN/NOTIFY (versioned snapshot) with polling as the fallback.
 *
 * Other plugins set per-tenant entitlements (tenant overrides) through `FLAG_ENTITLEMENTS` (`@platform/sdk/feature-flags`).
 * Other plugins evaluate through the SDK: `isEnabled(key, req.ctx)` in a route, or `isEnabled(ctx.resolve<FlagClient>(FLAG_CLIENT), key, context)`.
 * HTTP: `/api/feature-flags/{flags, overrides, evaluate, stream, rollouts, audit, reports/stale, evaluate-as}`, and Unleash's
 * Client API under `/api/feature-flags/unleash/client/{features, register, metrics}` for Unleash SDKs.
 */
export default definePlugin({
  name: 'feature-flags',
  version: '0.1.0',
  description: 'Feature flags with per-tenant targeting, overrides, kill switches, staged rollouts and audit',
  kernel: '^0.1.0',
  scope: 'platform',
  permissions: [
    { key: 'flags.read', label: 'View feature flags, overrides, rollouts and their audit trail', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
    { key: 'flags.write', label: 'Edit feature flags (staff) and overrides (own tenant for tenant admins)', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
    { key: 'flags.evaluate', label: 'Evaluate feature flags', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin', 'tenant_member'] },
    { key: 'flags.kill', label: 'Pull and restore kill switches', scope: 'platform', grantTo: ['admin'] },
  ],
  entities: [FeatureFlagEntity, FlagOverrideEntity, StagedRolloutEntity],
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  data: featureFlagsDataDeclarations,
  nav: [
    { id: 'feature-flags.flags', label: 'Feature flags', path: '/feature-flags/flags', icon: 'Flag', section: 'operations', order: 30, permission: 'flags.read' },
    { id: 'feature-flags.kill-switches', label: 'Kill switches', path: '/feature-flags/kill-switches', icon: 'ReportProblem', section: 'operations', order: 31, permission: 'flags.kill' },
    { id: 'feature-flags.rollouts', label: 'Active rollouts', path: '/feature-flags/rollouts', icon: 'RocketLaunch', section: 'operations', order: 32, permission: 'flags.read' },
    { id: 'feature-flags.overrides', label: 'Flag overrides', path: '/feature-flags/overrides', icon: 'Tune', section: 'operations', order: 33, permission: 'flags.read' },
    { id: 'feature-flags.audit', label: 'Flag audit', path: '/feature-flags/audit', icon: 'History', section: 'operations', order: 34, permission: 'flags.read' },
    { id: 'feature-flags.evaluate-as', label: 'Evaluate as', path: '/feature-flags/evaluate-as', icon: 'Science', section: 'operations', order: 35, permission: 'flags.read' },
  ],
  settings: Type.Object({
    pollIntervalMs: Type.Integer({ minimum: 100, maximum: 60_000, default: DEFAULT_POLL_MS, description: 'Version poll interval, the fallback when a change notification is lost' }),
    seedPlatformFlags: Type.Boolean({ default: true, description: 'Seed the platform flags at boot (each once per database)' }),
    tenantDefaults: Type.Optional(
      Type.Array(Type.Object({ flagKey: Type.String({ minLength: 1, maxLength: 120 }), value: Type.Unknown() }), {
        maxItems: 200,
        description: 'Tenant overrides every new tenant starts with (seeded at provisioning); default: creators.self_service_onboarding and admin.realtime_dashboard on',
      }),
    ),
  }),

  register(ctx) {
    const runtime = new FlagRuntime();
    ctx.provide(FLAG_RUNTIME, runtime);
    ctx.provide(FLAG_CLIENT, runtime.client);
  },

  async boot(ctx) {
    const runtime = ctx.resolve<FlagRuntime>(FLAG_RUNTIME);
    const { services: s, changeDeps } = createFlagServices(ctx);
    const settings = await ctx.settings.get<{ pollIntervalMs?: number; seedPlatformFlags?: boolean }>();

    if (settings.seedPlatformFlags !== false) await seedPlatformFlags(changeDeps, PLATFORM_FLAGS);
    await s.cache.refresh();
    // One embedded database means one instance: nothing to poll for.
    s.cache.start(ctx.broadcast, ctx.kernel.embedded ? 0 : settings.pollIntervalMs ?? DEFAULT_POLL_MS);
    s.usage.start();

    ctx.provide(FLAG_ENTITLEMENTS, new TenantFlagEntitlements(changeDeps));
    for (const add of [flagRoutes, overrideRoutes, evaluateRoutes, streamRoute, rolloutRoutes, auditRoutes, reportRoutes, unleashClientRoutes]) add(ctx.routes, s);
    defineFlagJobs(ctx.jobs, () => s);

    ctx.events.on('plan.assigned', (payload) => s.plans.evict((payload as { tenantId?: string }).tenantId));
    ctx.events.subscribe('feature-flags.pause-rollouts-on-alert', ALERT_FIRED, async (payload) => {
      const { names, message } = alertRuleNames(payload);
      if (names.length > 0) await s.rollouts.pauseForAlert(names, message);
    });
    // A purge deletes the tenant's overrides underneath us: bump the version so every instance reloads.
    ctx.events.subscribe('feature-flags.reload-on-tenant-purge', 'tenant.purged', async () => {
      await commitFlagChange(changeDeps, async () => undefined);
    });

    runtime.booted(s);
  },

  /** A new tenant starts with the default flag set, as tenant overrides (idempotent: existing overrides are kept). */
  async onTenantProvisioned(ctx, tenant) {
    const services = await ctx.resolve<FlagRuntime>(FLAG_RUNTIME).ready;
    const settings = await ctx.settings.get<{ tenantDefaults?: TenantDefaultFlag[] }>();
    await seedTenantDefaultFlags(services, tenant, settings.tenantDefaults ?? TENANT_DEFAULT_FLAGS);
  },

  async shutdown(ctx) {
    const runtime = ctx.resolve<FlagRuntime>(FLAG_RUNTIME);
    const s = runtime.services;
    s.cache.stop();
    await s.usage.stop();
  },
});

export * from './engine/index.ts';
export * from './unleash/index.ts';
export { planGradualRollout, type GradualRolloutOptions } from './rollout/plan-gradual-rollout.ts';
export type { FlagRecord, TenantFlagView } from './model/flag-record.ts';
export type { OverrideRecord } from './model/override-record.ts';
export type { StagedRolloutRecord } from './model/staged-rollout-record.ts';
export type { FiredAlert, FlagChangedEvent, FlagKilledEvent, RolloutPausedEvent } from './events.ts';
