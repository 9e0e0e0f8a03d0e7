import { definePlugin, LOG_READER } from '@platform/sdk';
import { fileURLToPath } from 'node:url';
import './logging-events.ts';
import { LoggingRuntime } from './logging-runtime.ts';
import { LoggingSettingsSchema } from './settings/logging-settings.ts';
import { addLogRoutes } from './routes/log-routes.ts';
import { addStreamRoute } from './routes/stream-route.ts';
import { addErrorGroupRoutes } from './routes/error-group-routes.ts';
import { addSettingsRoutes } from './routes/settings-routes.ts';
import { addDebugWindowRoutes } from './routes/debug-window-routes.ts';
import { addMetricsRoute } from './routes/metrics-route.ts';
import { defineMaintenanceJobs } from './jobs/maintenance-jobs.ts';
import { loggingDataDeclarations } from './data-declarations.ts';
import { createLogReader } from './query/recent-errors.ts';
import { contributeErrorHealthSignals } from './health/error-health-signals.ts';
import { contributeTopErrorsDigestSection } from './digest/top-errors-digest-section.ts';

export { normalizeMessage, topFrame, fingerprintOf, fingerprintParts } from './errors/fingerprint.ts';
export { planPartitions, DEFAULT_RETENTION, type RetentionDays } from './storage/partition-plan.ts';
export { LoggingRuntime } from './logging-runtime.ts';

/** DI key of this instance's {@link LoggingRuntime} (benchmarks and tests reach the sink and metrics through it). */
export const LOGGING_RUNTIME = 'logging.runtime';

/**
 * Structured logging: every `ctx.logger` line (and Fastify's own) stored in PostgreSQL, searchable,
 * exportable, streamed live, with error groups and retention per level.
 *
 * Routes under `/api/logging`:
 * - `logs` (search, cursor pages), `logs/export` (CSV, NDJSON), `logs/trace/:requestId`
 * - `stream` (server-sent events, live tail across instances)
 * - `errors`, `errors/:id` (groups, trend, samples; PUT to resolve/ignore)
 * - `debug-windows` (store DEBUG lines for a tenant or service for a while)
 * - `settings` (retention per level, PII paths), `metrics` (JSON or Prometheus)
 * Events: `logging.error_group_created`, `logging.error_group_regressed`, `logging.error_group_rate`.
 */
export default definePlugin({
  name: 'logging',
  version: '0.1.0',
  description: 'Tenant-aware structured logs: storage with retention per level, search, export, live tail, error groups',
  kernel: '^0.1.0',
  scope: 'platform',
  permissions: [
    { key: 'logging.read', label: 'Read logs and error groups (own tenant only for tenant users)', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
    { key: 'logging.debug', label: 'Switch on DEBUG storage for a while (own tenant only for tenant users)', scope: 'tenant', grantTo: ['admin', 'support', 'tenant_admin'] },
    { key: 'logging.errors.manage', label: 'Resolve and ignore error groups', scope: 'platform', grantTo: ['admin'] },
    { key: 'logging.manage', label: 'Change log retention and redaction', scope: 'platform', grantTo: ['admin'] },
  ],
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  data: loggingDataDeclarations,
  settings: LoggingSettingsSchema,
  nav: [
    { id: 'logging.logs', label: 'Logs', path: '/logging/logs', icon: 'Article', section: 'operations', order: 60, permission: 'logging.read' },
    { id: 'logging.errors', label: 'Errors', path: '/logging/errors', icon: 'BugReport', section: 'operations', order: 61, permission: 'logging.read' },
    { id: 'logging.settings', label: 'Log retention', path: '/logging/settings', icon: 'History', section: 'operations', order: 62, permission: 'logging.manage' },
  ],
  async boot(ctx) {
    contributeTopErrorsDigestSection(ctx);
    // Other plugins read a tenant's recent errors through the SDK (support snapshots).
    ctx.provide(LOG_READER, createLogReader(ctx.db));
    const rt = new LoggingRuntime(ctx);
    ctx.provide(LOGGING_RUNTIME, rt);
    await rt.start();
    ctx.http.onClosing(() => rt.hub.closeAll());
    addLogRoutes(ctx, rt);
    addStreamRoute(ctx, rt);
    addErrorGroupRoutes(ctx, rt);
    addDebugWindowRoutes(ctx, rt);
    addSettingsRoutes(ctx, rt);
    addMetricsRoute(ctx, rt);
    defineMaintenanceJobs(ctx, rt);
    contributeErrorHealthSignals(ctx);
  },
  async shutdown(ctx) {
    const rt = ctx.resolve<LoggingRuntime>(LOGGING_RUNTIME);
    await rt.stop();
  },
});
