import { ProblemError, Type } from '@platform/sdk';
import { defineOnboardingStep } from '@platform/sdk/onboarding';
import type { ConnectionStore } from '../connections/connection-store.ts';
import { SHOPIFY_SCOPES } from '../providers/shopify-oauth.ts';

export const SHOPIFY_SCHEMA = Type.Object(
  {
    shop: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com$', maxLength: 80 }),
    scopes: Type.Array(Type.Union(SHOPIFY_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: SHOPIFY_SCOPES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

/**
 * Step 2, connect Shopify: the page starts the OAuth round (`POST /wizard/shopify/authorize` with the shop and the
 * scopes chosen); the callback stores the sealed token and registers the webhooks. Saving checks that the shop is
 * connected with every scope chosen.
 */
export function shopifyStep(connections: ConnectionStore) {
  return defineOnboardingStep({
    id: 'shopify',
    order: 20,
    title: 'Connect Shopify',
    description: 'Authorize the platform on your Shopify store and choose what it may read',
    skippable: false,
    schema: SHOPIFY_SCHEMA,
    async check(call, answers) {
      const a = answers as { shop: string; scopes: string[] };
      const c = await connections.find(call.tenantId, 'shopify');
      if (!c || c.status !== 'connected') throw new ProblemError(400, 'validation_failed', 'Connect the Shopify store first', { field: 'answers.shop' });
      if (c.details.shop !== a.shop) throw new ProblemError(400, 'validation_failed', `The store connected is ${String(c.details.shop)}, not ${a.shop}`, { field: 'answers.shop' });
      const granted = (c.details.scopes as string[]) ?? [];
      const missing = a.scopes.filter((s) => !granted.includes(s));
      if (missing.length) throw new ProblemError(400, 'validation_failed', `Shopify did not grant ${missing.join(', ')}; connect again`, { field: 'answers.scopes' });
      return a;
    },
    async status(call) {
      const c = await connections.find(call.tenantId, 'shopify');
      return { availableScopes: SHOPIFY_SCOPES, connection: c ? { status: c.status, shop: c.details.shop ?? null, scopes: c.details.scopes ?? [], webhooks: c.details.webhooks ?? [], connectedAt: c.connectedAt } : null };
    },
    async verify(call, answers) {
      const c = await connections.find(call.tenantId, 'shopify');
      if (!c || c.status !== 'connected') return { ok: false, detail: c?.status === 'disconnected' ? 'The app was uninstalled from the store' : 'No store connected' };
      const webhooks = (c.details.webhooks as unknown[]) ?? [];
      return { ok: !!answers, detail: `${String(c.details.shop)} connected with ${((c.details.scopes as string[]) ?? []).join(', ')}; ${webhooks.length} webhooks registered` };
    },
  });
}
