import { apiUrl, checkHttpJson, defineMonitor, expectShape } from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';

interface ShopResponse {
  shop?: { id: number; name: string; myshopify_domain?: string; plan_name?: string };
}

const CLOSED_PLANS = new Set(['frozen', 'cancelled', 'fraudulent', 'dormant']);

/** Shopify, per tenant: `GET /admin/api/<version>/shop.json` with the tenant's Admin API access token. */
export const shopifyMonitor = defineMonitor({
  id: 'shopify',
  name: 'Shopify',
  description: "Reads each tenant's shop through the Admin API",
  tier: 'core',
  scope: 'tenant',
  configSchema: Type.Object({
    shopDomain: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$', description: 'e.g. acme.myshopify.com' }),
    accessToken: Secret(Type.String({ minLength: 1 })),
    apiVersion: Type.String({ pattern: '^\\d{4}-\\d{2}$', default: '2025-01' }),
    baseUrl: Type.Optional(Type.String({ pattern: '^https?://\\S+$', description: 'Default: https://<shopDomain>' })),
  }),
  defaultThresholds: { degradedMs: 2000, unhealthyMs: 5000 },
  check: (ctx) =>
    checkHttpJson<ShopResponse>(ctx, {
      url: apiUrl(ctx.config.baseUrl ?? `https://${ctx.config.shopDomain}`, `/admin/api/${ctx.config.apiVersion}/shop.json`),
      headers: { 'x-shopify-access-token': ctx.config.accessToken },
      errorText: (b) => (typeof b?.errors === 'string' ? b.errors : undefined),
      evaluate(b, res) {
        expectShape(b?.shop?.name, 'no shop');
        const plan = b.shop.plan_name ?? null;
        const details = { shop: b.shop.myshopify_domain ?? ctx.config.shopDomain, plan, callLimit: res.headers.get('x-shopify-shop-api-call-limit') };
        if (plan && CLOSED_PLANS.has(plan)) return { status: 'unhealthy', message: `shop ${b.shop.name} is ${plan}`, details };
        return { message: `${b.shop.name}${plan ? ` (${plan})` : ''}`, details };
      },
    }),
});
