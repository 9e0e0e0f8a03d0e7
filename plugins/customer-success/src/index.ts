import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { HEALTH_FACTS, HEALTH_SIGNALS } from '@platform/sdk/customer-health';
import { customerSuccessPermissions } from './customer-success-permissions.ts';
import { CustomerSuccessSettingsSchema } from './customer-success-settings.ts';
import { CUSTOMER_SUCCESS_DATA } from './customer-success-data.ts';
import { CUSTOMER_SUCCESS_NAV } from './customer-success-nav.ts';
import { DEFAULT_HEALTH_SIGNALS } from './signals/default-signals.ts';
import { usageRecencySignal } from './signals/usage-recency-signal.ts';
import { ScoreStore } from './score/score-store.ts';
import { ScoreComputer } from './score/score-computer.ts';
import { defineNightlyScoreJob } from './score/nightly-score-job.ts';
import { addScoreRoutes } from './score/score-routes.ts';
import { addCustomer360 } from './customer-360/customer-360-routes.ts';
import { CUSTOMER_360_DATA } from './customer-360/customer-360-data.ts';
import { customer360Permissions } from './customer-360/customer-360-permissions.ts';

export { CUSTOMER_SUCCESS_PERMISSIONS } from './customer-success-permissions.ts';
export { CUSTOMER_360_PERMISSIONS } from './customer-360/customer-360-permissions.ts';
export { bucketOf, signalLine, totalOf, trendOf, isBigChange, HEALTH_BUCKETS, type HealthBucket, type SignalLine } from './score/health-scoring.ts';

export interface CustomerSuccessOptions {
  /** The clock scores are computed on (tests move it). */
  clock: () => Date;
}

/**
 * Customer success: an explainable health score per tenant (issue 21, item 1).
 *
 * Owns the `HEALTH_SIGNALS` and `HEALTH_FACTS` extension points (`@platform/sdk/customer-health`). Ships usage
 * recency (30, from the audit trail) and neutral placeholders for the other seed signals, which the plugins owning
 * the data replace. Stores a snapshot per tenant and day (`customer_success_scores`): total 0–100, bucket, the
 * breakdown with reasons, and facts (plan, renewal) from fact sources.
 *
 * Routes under `/api/customer-success` (platform): `score`, `score/at-risk`, `score/changes`, `score/export.csv`,
 * `score/:tenantId`, `POST score/recompute`. Job: `customer-success.nightly-scores` (02:00 UTC). Settings: weights per
 * signal id, onboarding days, window days (changes audited by the kernel as `plugin.settings_changed`).
 */
export function createCustomerSuccessPlugin(given: Partial<CustomerSuccessOptions> = {}): PluginManifest {
  const clock = given.clock ?? (() => new Date());
  return definePlugin({
    name: 'customer-success',
    version: '0.1.0',
    kernel: '^0.1.0',
    description: 'Customer health score per tenant, from signals contributed by the plugins that own the data',
    scope: 'platform',
    permissions: [...customerSuccessPermissions, ...customer360Permissions],
    settings: CustomerSuccessSettingsSchema,
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: [...CUSTOMER_SUCCESS_DATA, ...CUSTOMER_360_DATA],
    nav: CUSTOMER_SUCCESS_NAV,
    register(ctx) {
      ctx.extensions.declare(HEALTH_SIGNALS);
      ctx.extensions.declare(HEALTH_FACTS);
      for (const signal of DEFAULT_HEALTH_SIGNALS) ctx.extensions.contribute(HEALTH_SIGNALS, signal);
    },
    boot(ctx) {
      ctx.extensions.contribute(HEALTH_SIGNALS, usageRecencySignal(ctx.audit));
      const store = new ScoreStore(ctx.db);
      const computer = new ScoreComputer(ctx, store, clock);
      addScoreRoutes(ctx, store, computer);
      defineNightlyScoreJob(ctx, computer);
      addCustomer360(ctx);
    },
  });
}

export default createCustomerSuccessPlugin();
