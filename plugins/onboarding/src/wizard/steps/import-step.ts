import { ProblemError, Type, type PluginContext } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';
import type { ConnectionStore } from '../connections/connection-store.ts';
import type { ImportStore } from '../import/import-store.ts';
import { countShopifyOrders, shopBaseUrl } from '../providers/shopify-oauth.ts';
import { wizardSettings } from '../wizard-settings.ts';

export const IMPORT_SCHEMA = Type.Object(
  { source: Type.Literal('shopify'), sinceDays: Type.Integer({ minimum: 1, maximum: 3650 }) },
  { additionalProperties: false },
);

/** What `check` counted on the store (outside the transaction: an HTTP call), handed to `save` on its answers. */
const importsCounted = new WeakMap<object, { total: number; since: string }>();

/**
 * Step 6, import historical data: saving starts the import job (orders of the last `sinceDays` days from the
 * connected Shopify store); the page polls the step's status for the progress and may be left and reopened.
 */
export function importStep(ctx: PluginContext, imports: ImportStore, connections: ConnectionStore, clock: () => number) {
  return defineOnboardingStep({
    id: 'import',
    order: 60,
    title: 'Import data',
    description: 'Bring in your order history from Shopify',
    skippable: true,
    schema: IMPORT_SCHEMA,
    async check(call, answers) {
      const token = await connections.accessToken(call.tenantId, 'shopify');
      const connection = await connections.find(call.tenantId, 'shopify');
      if (!token || !connection) throw new ProblemError(400, 'validation_failed', 'Connect Shopify (step 2) before importing', { field: 'answers.source' });
      const existing = await imports.find(call.tenantId);
      if (existing?.status === 'running') throw new ProblemError(409, 'import_running', 'An import is already running; its progress is on this page', { field: 'answers.source' });
      const since = new Date(clock() - (answers.sinceDays as number) * 86_400_000).toISOString();
      const settings = await wizardSettings(ctx);
      const total = await countShopifyOrders(shopBaseUrl(settings.shopifyBaseUrl, String(connection.details.shop)), { apiVersion: settings.shopifyApiVersion, accessToken: token, createdAtMin: since });
      const kept = { ...answers };
      importsCounted.set(kept, { total, since });
      return kept;
    },
    async save(call, answers) {
      const counted = importsCounted.get(answers);
      if (!counted) throw new Error('import step: save without check');
      await imports.start(call.tenantId, counted.total, counted.since, call.em); // commits with the session row
      return answers;
    },
    async status(call) {
      const run = await imports.find(call.tenantId);
      return { import: run ? { status: run.status, total: run.total, processed: run.processed, error: run.error, startedAt: run.startedAt, finishedAt: run.finishedAt } : null };
    },
    async verify(call) {
      const run = await imports.find(call.tenantId);
      if (!run) return { ok: false, detail: 'No import started' };
      if (run.status === 'running') return { ok: false, detail: `Import running: ${run.processed} of ${run.total} orders` };
      if (run.status === 'failed') return { ok: false, detail: `Import failed: ${run.error ?? 'unknown error'}` };
      return { ok: true, detail: `${await imports.importedCount(call.tenantId)} orders imported` };
    },
  });
}
