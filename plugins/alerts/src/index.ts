import { fileURLToPath } from 'node:url';
import { ALERT_CHANNELS } from '@platform/sdk/alert-channels';
import { ALERTS_SERVICE } from '@platform/sdk/alerts';
import { definePlugin, type Database, type PluginManifest } from '@platform/sdk';
import { METRIC_SAMPLES_WRITTEN, METRICS_SERVICE, metricsRecorder, type MetricsReader } from '@platform/sdk/metrics';
import { resolveAlertsOptions, type AlertsOptions } from './alerts-options.ts';
import { AlertRuleEntity } from './rules/alert-rule-entity.ts';
import { AlertChannels } from './delivery/alert-channels.ts';
import { DeliveryDispatcher } from './delivery/delivery-dispatcher.ts';
import { AlertEvaluator } from './evaluation/alert-evaluator.ts';
import { AlertActions } from './actions/alert-actions.ts';
import { createAlertReader } from './alert-reader.ts';
import { addRuleRoutes } from './routes/rule-routes.ts';
import { addAlertRoutes } from './routes/alert-routes.ts';
import { addHistoryRoutes } from './routes/history-routes.ts';
import { addDeliveryRoutes } from './routes/delivery-routes.ts';
import { addStatsRoutes } from './routes/stats-routes.ts';
import { RECOMMENDED_RULES } from './rules/recommended-rules.ts';
import { seedRecommendedRules } from './rules/seed-recommended-rules.ts';
import { seedTenantDefaultRules } from './rules/tenant-default-rules.ts';
import './alert-events.ts';
import { alertsDataDeclarations } from './data-declarations.ts';
import { contributeAlertsFiredDigestSection } from './digest/alerts-fired-digest-section.ts';

export type { AlertsOptions } from './alerts-options.ts';
export type { TickReport } from './evaluation/alert-evaluator.ts';
export { RECOMMENDED_RULES, type RecommendedRule } from './rules/recommended-rules.ts';

export interface AlertsRuntime {
  evaluator: AlertEvaluator;
  dispatcher: DeliveryDispatcher;
  channels: AlertChannels;
}

/** The manifest plus a handle on this instance's evaluator and dispatcher (tests and the benchmark drive them). */
export type AlertsPlugin = PluginManifest & { runtime(): AlertsRuntime };

/**
 * Alerts. Rules over metrics, evaluated every minute once across instances and, for the rules of a
 * metric, as soon as new samples of it are written (fast path); a pure state machine per
 * alert (normal → pending → firing → resolved, no_data, error) with hysteresis and keep-firing-for;
 * fingerprints per label set; acknowledgements that silence repeats; inhibition and maintenance muting;
 * durable, retried deliveries through channel plugins (the ALERT_CHANNELS extension point it owns).
 * Seeds the recommended health rules of the seed at boot, disabled until channels are chosen.
 */
export function createAlertsPlugin(given: Partial<AlertsOptions> = {}): AlertsPlugin {
  const options = resolveAlertsOptions(given);
  let runtime: AlertsRuntime | null = null;
  let database: Database | null = null;
  let baseUrl = '';
  const plugin = definePlugin({
    name: 'alerts',
    version: '0.1.0',
    description: 'Alert rules, evaluator, acknowledgements, inhibition, maintenance muting and durable notification delivery',
    kernel: '^0.1.0',
    dependsOn: ['metrics'],
    permissions: [
      { key: 'alerts.read', label: 'View alert rules, alerts, history and deliveries', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
      { key: 'alerts.acknowledge', label: 'Acknowledge and resolve alerts', scope: 'platform', grantTo: ['admin', 'support'] },
      { key: 'alerts.manage', label: 'Edit alert rules; evaluate now; retry deliveries', scope: 'platform', grantTo: ['admin'] },
    ],
    entities: [AlertRuleEntity],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: alertsDataDeclarations,
    nav: [
      { id: 'alerts.active', label: 'Active alerts', path: '/alerts/active', icon: 'NotificationsActive', section: 'operations', order: 20, permission: 'alerts.read' },
      { id: 'alerts.rules', label: 'Alert rules', path: '/alerts/rules', icon: 'Tune', section: 'operations', order: 21, permission: 'alerts.read' },
      { id: 'alerts.history', label: 'Alert history', path: '/alerts/history', icon: 'History', section: 'operations', order: 22, permission: 'alerts.read' },
      { id: 'alerts.deliveries', label: 'Notification deliveries', path: '/alerts/deliveries', icon: 'Mail', section: 'operations', order: 23, permission: 'alerts.read' },
    ],
    register(ctx) {
      ctx.extensions.declare(ALERT_CHANNELS);
      baseUrl = ctx.kernel.baseUrl;
      ctx.provide(ALERTS_SERVICE, createAlertReader(() => {
        if (!database) throw new Error('the alerts plugin has not booted');
        return database;
      }, () => baseUrl));
    },
    async boot(ctx) {
      contributeAlertsFiredDigestSection(ctx);
      database = ctx.db;
      if (options.seedRecommendedRules) await seedRecommendedRules(ctx.db, RECOMMENDED_RULES);
      const metrics = () => ctx.resolve<MetricsReader>(METRICS_SERVICE);
      const channels = new AlertChannels(ctx.extensions);
      const recorder = metricsRecorder(ctx);
      const dispatcher = new DeliveryDispatcher({
        db: ctx.db,
        channels,
        logger: ctx.logger,
        metrics: recorder,
        options: { policy: options.backoff, clock: options.clock, leaseMs: options.leaseMs, batchSize: options.deliveryBatchSize },
      });
      const evaluator = new AlertEvaluator({ ctx, metrics, channels, dispatcher, recorder, options });
      const actions = new AlertActions({ ctx, channels, dispatcher, options });
      runtime = { evaluator, dispatcher, channels };
      if (options.evaluateOnWrite) {
        ctx.events.on(METRIC_SAMPLES_WRITTEN, ({ metrics: written }) =>
          void evaluator.evaluateMetrics(written).catch((err) => ctx.logger.error({ err }, 'fast-path alert evaluation failed')),
        );
      }
      ctx.jobs.define({ name: 'evaluate', everySeconds: options.evaluationIntervalSeconds, handler: async () => void (await evaluator.evaluate()) });
      ctx.jobs.define({ name: 'deliver', everySeconds: options.deliveryIntervalSeconds, handler: async () => void (await dispatcher.runOnce()) });
      addRuleRoutes(ctx, { channels, metrics, evaluator, clock: options.clock });
      addAlertRoutes(ctx, actions, options.clock);
      addHistoryRoutes(ctx);
      addDeliveryRoutes(ctx, dispatcher, options.clock);
      addStatsRoutes(ctx, options.clock);
      // A purged tenant's own rules (its provisioning defaults, say) go with it; their seeds too, so nothing lingers.
      ctx.events.subscribe('alerts.drop-rules-of-purged-tenant', 'tenant.purged', async (payload) => {
        const tenantId = (payload as { tenantId?: string }).tenantId;
        if (!tenantId) return;
        await ctx.db.sql("DELETE FROM alerts_rule_seeds WHERE seed_key LIKE 'tenant:' || $1 || ':%'", [tenantId]);
        await ctx.db.sql('DELETE FROM alerts_rules WHERE tenant_filter = $1', [tenantId]);
      });
    },
    /** A new tenant gets its default rules over its own API traffic (disabled, once per tenant). */
    async onTenantProvisioned(ctx, tenant) {
      await seedTenantDefaultRules(ctx.db, tenant);
    },
    async shutdown() {
      await runtime?.evaluator.stop();
    },
  });
  return Object.assign(plugin, {
    runtime: () => {
      if (!runtime) throw new Error('the alerts plugin has not booted');
      return runtime;
    },
  });
}

export default createAlertsPlugin();
