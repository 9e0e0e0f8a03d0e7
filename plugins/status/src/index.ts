import { PLATFORM_MAINTENANCE_MODE, type PlatformMaintenanceMode } from '@platform/sdk/maintenance';
import { fileURLToPath } from 'node:url';
import { definePlugin, type Database, type PluginManifest } from '@platform/sdk';
import { FLAG_CLIENT, type FlagClient } from '@platform/sdk/feature-flags';
import { HEALTH_SERVICE, type DailyUptime, type HealthReader } from '@platform/sdk/monitors';
import { INCIDENT_STATUS_PAGE_UPDATED, type IncidentStatusPageUpdate } from '@platform/sdk/incidents';
import { MAINTENANCE_WINDOWS } from '@platform/sdk/maintenance';
import { resolveStatusOptions, type StatusOptions } from './status-options.ts';
import { StatusSettings, type StatusSettingsValues } from './status-settings.ts';
import { MaintenanceWindowEntity } from './entities/maintenance-window.ts';
import { IncidentEntity } from './entities/incident.ts';
import { advanceMaintenanceWindows } from './maintenance/maintenance-job.ts';
import { createMaintenanceReader } from './maintenance/maintenance-reader.ts';
import { applyPublishedIncident } from './incidents/published-incidents.ts';
import { buildStatusSnapshot, type StatusSnapshot } from './public/status-snapshot.ts';
import { addPublicRoutes } from './routes/public-routes.ts';
import { pruneRateLimitWindows } from './public/ip-rate-limiter.ts';
import { addAdminRoutes } from './routes/admin-routes.ts';
import './status-events.ts';

const startedAt = new Date().toISOString();

/** Resolves an optional service: null when no plugin provides it. */
function optional<T>(resolve: (name: string) => T, name: string): T | null {
  try {
    return resolve(name) ?? null;
  } catch {
    return null;
  }
}

/**
 * Public status: `/api/status`, `/api/status/health` and the status page at `/status` (also `/api/status/page`); staff
 * manage maintenance windows and incidents. Reads health through the `health` service and flags
 * through the optional `flags` service.
 */
export function createStatusPlugin(given: Partial<StatusOptions> = {}): PluginManifest {
  const options = resolveStatusOptions(given);
  let database: Database | null = null;
  return definePlugin({
    name: 'status',
    version: '0.1.0',
    description: 'Public status API and page, maintenance windows and incidents',
    kernel: '^0.1.0',
    dependsOn: ['health'],
    permissions: [
      { key: 'status.read', label: 'View maintenance windows and incidents', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
      { key: 'status.manage', label: 'Manage maintenance windows and incidents', scope: 'platform', grantTo: ['admin', 'support'] },
    ],
    entities: [MaintenanceWindowEntity, IncidentEntity],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    settings: StatusSettings,
    nav: [
      // Public notices on the status page; operational incidents (on-call, timeline, postmortem) are the incidents plugin's.
      { id: 'status.incidents', label: 'Status page notices', path: '/status/incidents', icon: 'Campaign', section: 'status-page', order: 10, permission: 'status.read' },
      { id: 'status.maintenance', label: 'Maintenance windows', path: '/status/maintenance-windows', icon: 'Build', section: 'status-page', order: 20, permission: 'status.read' },
    ],
    register(ctx) {
      // For the alerts plugin: maintenance windows in progress mute the alerts they cover.
      ctx.provide(MAINTENANCE_WINDOWS, createMaintenanceReader(() => {
        if (!database) throw new Error('the status plugin has not booted');
        return database;
      }));
    },
    boot(ctx) {
      database = ctx.db;
      let cached: { at: number; value: Promise<StatusSnapshot> } | null = null;
      const settings = () => ctx.settings.get<StatusSettingsValues>();
      const health = () => optional<HealthReader>(ctx.resolve, HEALTH_SERVICE);
      const snapshot = () => {
        const now = options.clock();
        if (!cached || now - cached.at >= options.snapshotCacheMs) {
          const value = buildStatusSnapshot({
            db: ctx.db,
            health,
            flags: () => optional<FlagClient>(ctx.resolve, FLAG_CLIENT),
            platformMaintenance: () => optional<PlatformMaintenanceMode>(ctx.resolve, PLATFORM_MAINTENANCE_MODE),
            settings,
            clock: options.clock,
            upcomingHorizonMs: options.upcomingHorizonMs,
            version: { app: process.env.APP_VERSION ?? ctx.kernel.version, api: 'v1', build: process.env.BUILD_SHA ?? process.env.GIT_SHA ?? null, deployedAt: process.env.DEPLOYED_AT ?? startedAt },
          });
          value.catch(() => (cached = null));
          cached = { at: now, value };
        }
        return cached.value;
      };
      addPublicRoutes(ctx, options, {
        snapshot,
        pageTitle: async () => (await settings()).pageTitle,
        async uptime(ids) {
          const reader = health();
          const out = new Map<string, DailyUptime[]>();
          if (reader) for (const id of ids) out.set(id, await reader.dailyUptime(id, 90));
          return out;
        },
      });
      addAdminRoutes(ctx, options.clock, () => (cached = null));
      // Incidents the incidents plugin puts on the status page (at least once, possibly out of order).
      ctx.events.subscribe('status.publish-incidents', INCIDENT_STATUS_PAGE_UPDATED, async (payload) => {
        await ctx.db.system().transactional((em) => applyPublishedIncident(ctx, payload as unknown as IncidentStatusPageUpdate, em));
        cached = null;
      });
      // Past rate-limit windows (one row per route, client IP and minute) are of no further use.
      ctx.jobs.define({ name: 'prune-rate-limits', everySeconds: 300, handler: async () => void (await pruneRateLimitWindows(ctx.db, options.clock(), 2 * 60_000)) });
      ctx.jobs.define({ name: 'advance-maintenance', everySeconds: 30, handler: async ({ em }) => void (await advanceMaintenanceWindows(ctx, new Date(options.clock()), em)) });
    },
  });
}

export default createStatusPlugin();
