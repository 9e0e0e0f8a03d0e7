import { Secret, Type } from '@platform/sdk';
import { defineIntegration, IntegrationCredentialsError } from '@platform/sdk/integrations';

/** The Admin API version the shop call uses. */
export const SHOPIFY_API_VERSION = '2024-10';

/**
 * Shopify Admin API: a custom app's access token for one shop. Validated at save with `GET
 * /admin/api/<version>/shop.json` (`X-Shopify-Access-Token`), which any token with any scope may call: 200 gives the
 * shop's name, 401/403 means the token is refused, 404 the shop does not exist.
 *
 * `apiBaseUrl(shopDomain)` is where the Admin API is (default `https://<shop>.myshopify.com`); it is the
 * platform's to set (a plugin option), never the tenant's, so a tenant cannot make the platform call an address of its choosing.
 */
export function shopifyIntegration(apiBaseUrl: (shopDomain: string) => string = (shop) => `https://${shop}`) {
  return defineIntegration({
    id: 'shopify-admin',
    name: 'Shopify (Admin API)',
    description: "Connect your Shopify store with a custom app's Admin API access token.",
    configSchema: Type.Object({
      shopDomain: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com$', description: 'Your store, e.g. acme.myshopify.com' }),
      accessToken: Secret(Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'Admin API access token (shpat_...)' })),
    }),
    timeoutMs: 10_000,
    async validateCredentials(ctx) {
      const base = apiBaseUrl(ctx.config.shopDomain).replace(/\/+$/, '');
      const res = await ctx.fetch(`${base}/admin/api/${SHOPIFY_API_VERSION}/shop.json`, { headers: { 'x-shopify-access-token': ctx.config.accessToken, accept: 'application/json' } });
      if (res.status === 401 || res.status === 403) throw new IntegrationCredentialsError(`Shopify refused the access token (HTTP ${res.status})`, 'accessToken');
      if (res.status === 404) throw new IntegrationCredentialsError(`Shopify has no store ${ctx.config.shopDomain}`, 'shopDomain');
      if (!res.ok) throw new Error(`Shopify answered HTTP ${res.status}`);
      const body = (await res.json().catch(() => null)) as { shop?: { name?: string; myshopify_domain?: string } } | null;
      if (!body?.shop) throw new Error('Shopify answered without a shop');
      return { detail: `Connected to ${body.shop.name ?? ctx.config.shopDomain}` };
    },
  });
}
